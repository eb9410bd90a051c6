using System.Security.Cryptography;
using Users.Domain.Common;
using Users.Domain.Users.Events;

namespace Users.Domain.Users;

/// <summary>
/// The user aggregate. State changes only through its methods, which keep the invariants
/// (a new address clears verification, a new password or deactivation revokes issued tokens)
/// and raise the domain events that hooks listen to.
/// </summary>
public sealed class User : AggregateRoot
{
    private User() { } // for EF Core

    public Guid Id { get; private set; }

    /// <summary>The address as stored and returned (see <see cref="Users.Email.Value"/>).</summary>
    public string Email { get; private set; } = string.Empty;

    /// <summary>The lower-cased address; unique in the database.</summary>
    public string NormalizedEmail { get; private set; } = string.Empty;

    public string HashedPassword { get; private set; } = string.Empty;

    public bool IsActive { get; private set; }

    public bool IsSuperuser { get; private set; }

    public bool IsVerified { get; private set; }

    /// <summary>
    /// Replaced whenever tokens issued so far must stop working (password change, deactivation).
    /// Access tokens carry it; one that differs is rejected.
    /// </summary>
    public string SecurityStamp { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? LastLoginAt { get; private set; }

    /// <summary>Creates a user. Ids are version-7 UUIDs: time-ordered, so the primary-key index stays compact.</summary>
    public static User Register(
        Email email,
        string passwordHash,
        DateTimeOffset now,
        bool isActive = true,
        bool isSuperuser = false,
        bool isVerified = false)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Email = email.Value,
            NormalizedEmail = email.Normalized,
            HashedPassword = passwordHash,
            IsActive = isActive,
            IsSuperuser = isSuperuser,
            IsVerified = isVerified,
            SecurityStamp = NewSecurityStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.Raise(new UserRegistered(user.Id, user.Email));
        return user;
    }

    /// <summary>
    /// Applies <paramref name="changes"/> in the contract's order and raises one <see cref="UserUpdated"/>
    /// naming what actually changed (nothing is raised when nothing changed). Verification counts as changed
    /// when its final value differs from the initial one, so a new address that clears it is reported too.
    /// </summary>
    public IReadOnlyList<string> Apply(UserChanges changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var wasVerified = IsVerified;
        var changed = new List<string>(5);
        if (changes.PasswordHash is not null && SetPassword(changes.PasswordHash))
        {
            changed.Add(UserFields.Password);
        }

        if (changes.Email is not null && SetEmail(changes.Email))
        {
            changed.Add(UserFields.Email);
        }

        if (changes.IsActive is { } active && SetActive(active))
        {
            changed.Add(UserFields.IsActive);
        }

        if (changes.IsSuperuser is { } superuser && superuser != IsSuperuser)
        {
            IsSuperuser = superuser;
            changed.Add(UserFields.IsSuperuser);
        }

        if (changes.IsVerified is { } verified)
        {
            IsVerified = verified;
        }

        if (IsVerified != wasVerified)
        {
            changed.Add(UserFields.IsVerified);
        }

        if (changed.Count > 0)
        {
            UpdatedAt = now;
            Raise(new UserUpdated(Id, changed));
        }

        return changed;
    }

    /// <summary>
    /// Stores a stronger hash of the same password (after a successful login with outdated hash parameters).
    /// The password did not change, so tokens stay valid and no update event is raised.
    /// </summary>
    public void UpgradePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        HashedPassword = passwordHash;
    }

    public void RecordLogin(DateTimeOffset now)
    {
        LastLoginAt = now;
        Raise(new UserLoggedIn(Id, now));
    }

    /// <summary>Marks the address as verified; fails when it already is.</summary>
    public Result Verify(DateTimeOffset now)
    {
        if (IsVerified)
        {
            return UserErrors.VerifyUserAlreadyVerified;
        }

        IsVerified = true;
        UpdatedAt = now;
        Raise(new UserVerified(Id, Email));
        return Result.Success();
    }

    /// <summary>Raises the verification request with its token (the caller checked the user is active and unverified).</summary>
    public void RequestVerification(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        Raise(new UserVerificationRequested(Id, Email, token));
    }

    /// <summary>Raises the forgot-password request with its token (the caller checked the user is active).</summary>
    public void RequestPasswordReset(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        Raise(new ForgotPasswordRequested(Id, Email, token));
    }

    /// <summary>Sets a new password from a reset token: every token issued so far stops working.</summary>
    public void ResetPassword(string passwordHash, DateTimeOffset now)
    {
        SetPassword(passwordHash);
        UpdatedAt = now;
        Raise(new PasswordReset(Id));
    }

    /// <summary>"Log out everywhere": every token issued so far stops working.</summary>
    public void RevokeAllTokens(DateTimeOffset now)
    {
        RotateSecurityStamp();
        UpdatedAt = now;
    }

    /// <summary>Marks the user for deletion; the event is dispatched once the deletion is committed.</summary>
    public void MarkDeleted() => Raise(new UserDeleted(Id, Email));

    private bool SetPassword(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        HashedPassword = passwordHash;
        RotateSecurityStamp();
        return true;
    }

    // A different address clears verification; re-casing the same address (same normalized form) keeps it.
    private bool SetEmail(Email email)
    {
        if (string.Equals(email.Value, Email, StringComparison.Ordinal))
        {
            return false;
        }

        if (!string.Equals(email.Normalized, NormalizedEmail, StringComparison.Ordinal))
        {
            IsVerified = false;
        }

        Email = email.Value;
        NormalizedEmail = email.Normalized;
        return true;
    }

    private bool SetActive(bool active)
    {
        if (active == IsActive)
        {
            return false;
        }

        IsActive = active;
        if (!active)
        {
            RotateSecurityStamp();
        }

        return true;
    }

    // One event per unit of work, however many reasons there were to rotate (password change and deactivation together).
    private void RotateSecurityStamp()
    {
        SecurityStamp = NewSecurityStamp();
        if (!DomainEvents.OfType<SecurityStampRotated>().Any())
        {
            Raise(new SecurityStampRotated(Id));
        }
    }

    private static string NewSecurityStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
