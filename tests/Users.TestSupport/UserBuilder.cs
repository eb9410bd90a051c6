using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.TestSupport;

/// <summary>
/// Builds a real <see cref="User"/> through <see cref="User.Register"/>, with named defaults, as if loaded from
/// storage: its registration event is already dispatched, so a test sees only the events its own code raises.
/// </summary>
public sealed class UserBuilder
{
    public const string DefaultEmail = "alice@example.com";
    public const string DefaultPasswordHash = "hash:old-password";
    public static readonly DateTimeOffset DefaultCreatedAt = new(2025, 1, 15, 9, 30, 0, TimeSpan.Zero);

    private string _email = DefaultEmail;
    private string _passwordHash = DefaultPasswordHash;
    private DateTimeOffset _createdAt = DefaultCreatedAt;
    private bool _isActive = true;
    private bool _isSuperuser;
    private bool _isVerified;

    public UserBuilder WithEmail(string email)
    {
        _email = email;
        return this;
    }

    public UserBuilder WithPasswordHash(string passwordHash)
    {
        _passwordHash = passwordHash;
        return this;
    }

    public UserBuilder CreatedAt(DateTimeOffset createdAt)
    {
        _createdAt = createdAt;
        return this;
    }

    public UserBuilder Inactive(bool inactive = true)
    {
        _isActive = !inactive;
        return this;
    }

    public UserBuilder Superuser(bool superuser = true)
    {
        _isSuperuser = superuser;
        return this;
    }

    public UserBuilder Verified(bool verified = true)
    {
        _isVerified = verified;
        return this;
    }

    /// <summary>The <see cref="UserChanges"/> a registration of this user would pass to <see cref="User.Register"/>.</summary>
    public UserChanges Details() => new()
    {
        Email = Email.Create(_email).Value,
        PasswordHash = _passwordHash,
        IsActive = OptionalValue.Of(_isActive),
        IsSuperuser = OptionalValue.Of(_isSuperuser),
        IsVerified = OptionalValue.Of(_isVerified),
    };

    public User Build()
    {
        var user = User.Register(Details(), _createdAt);
        user.DequeueDomainEvents();
        return user;
    }
}
