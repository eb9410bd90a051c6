using Users.Domain.Users;

namespace Users.Application.UnitTests.TestSupport;

/// <summary>
/// Builds a real <see cref="User"/> through <see cref="User.Register"/>, as if loaded from storage:
/// the registration event is already dispatched, so a test sees only the events its handler raises.
/// </summary>
public sealed class UserBuilder
{
    public const string DefaultEmail = "alice@example.com";
    public const string DefaultPasswordHash = "hash:old-password";
    public static readonly DateTimeOffset DefaultCreatedAt = new(2025, 1, 15, 9, 30, 0, TimeSpan.Zero);

    private string _email = DefaultEmail;
    private string _passwordHash = DefaultPasswordHash;
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

    public UserBuilder Inactive()
    {
        _isActive = false;
        return this;
    }

    public UserBuilder Superuser()
    {
        _isSuperuser = true;
        return this;
    }

    public UserBuilder Verified()
    {
        _isVerified = true;
        return this;
    }

    public User Build()
    {
        var user = User.Register(Email.Create(_email).Value, _passwordHash, DefaultCreatedAt, _isActive, _isSuperuser, _isVerified);
        user.DequeueDomainEvents();
        return user;
    }
}
