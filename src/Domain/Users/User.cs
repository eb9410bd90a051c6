using System.Security.Cryptography;
using Users.Domain.Common;
using Users.Domain.Users.Events;

namespace Users.Domain.Users;

/// <summary>
/// The user aggregate. State changes only through its methods, which keep the invariants
/// (a new address clears verification, a new password or deactivation revokes issued tokens)
/// and raise the domain events that hooks listen to.
/// </summary>
public sealed partial class User : AggregateRoot
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

    /// <summary>
    /// Creates a user from <paramref name="details"/>, which must hold the address and the password hash; flags left
    /// unset take their defaults (active, not a superuser, not verified). Ids are version-7 UUIDs: time-ordered, so
    /// the primary-key index stays compact.
    /// </summary>
    public static User Register(UserChanges details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var email = details.Email ?? throw new ArgumentException("A new user needs an email address.", nameof(details));
        if (string.IsNullOrWhiteSpace(details.PasswordHash))
        {
            throw new ArgumentException("A new user needs a password hash.", nameof(details));
        }

        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Email = email.Value,
            NormalizedEmail = email.Normalized,
            HashedPassword = details.PasswordHash,
            IsActive = !details.IsActive.IsSet || details.IsActive.Value,
            IsVerified = details.IsVerified.IsSet && details.IsVerified.Value,
            SecurityStamp = NewSecurityStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.SetPlainFields(details, changed: []);
        user.Raise(new UserRegistered(user.Id, user.Email));
        return user;
    }

    /// <summary>
    /// Applies <paramref name="changes"/> in the contract's order (password, email, is_active, then the plain fields:
    /// is_superuser and any custom field, then is_verified) and raises one <see cref="UserUpdated"/> naming what actually changed
    /// (nothing is raised when nothing changed). Verification counts as changed when its final value differs from the
    /// initial one, so a new address that clears it is reported too.
    /// </summary>
    public IReadOnlyList<string> Apply(UserChanges changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var wasVerified = IsVerified;
        var changed = new List<string>(5);
        if (changes.PasswordHash is not null && SetPassword(changes.PasswordHash))
        {
            changed.Add(UserFieldNames.Password);
        }

        if (changes.Email is not null && SetEmail(changes.Email))
        {
            changed.Add(UserFieldNames.Email);
        }

        if (changes.IsActive.IsSet && SetActive(changes.IsActive.Value))
        {
            changed.Add(UserFieldNames.IsActive);
        }

        SetPlainFields(changes, changed);
        if (changes.IsVerified.IsSet)
        {
            IsVerified = changes.IsVerified.Value;
        }

        if (IsVerified != wasVerified)
        {
            changed.Add(UserFieldNames.IsVerified);
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

    /// <summary>
    /// Asks for a verification mail: only an active, unverified user gets one. Returns whether the request was raised
    /// (with a token from <paramref name="issueToken"/>, asked only then).
    /// </summary>
    public bool RequestVerification(Func<User, string> issueToken)
    {
        ArgumentNullException.ThrowIfNull(issueToken);
        if (!IsActive || IsVerified)
        {
            return false;
        }

        var token = issueToken(this);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        Raise(new UserVerificationRequested(Id, Email, token));
        return true;
    }

    /// <summary>Asks for a password-reset mail: only an active user gets one. Returns whether the request was raised.</summary>
    public bool RequestPasswordReset(Func<User, string> issueToken)
    {
        ArgumentNullException.ThrowIfNull(issueToken);
        if (!IsActive)
        {
            return false;
        }

        var token = issueToken(this);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        Raise(new ForgotPasswordRequested(Id, Email, token));
        return true;
    }

    /// <summary>Sets a new password from a reset token: every token issued so far stops working.</summary>
    public void ResetPassword(string passwordHash, DateTimeOffset now)
    {
        SetPassword(passwordHash);
        UpdatedAt = now;
        Raise(new PasswordReset(Id));
    }

    /// <summary>"Log out everywhere": every session ends, every token issued so far stops working (one event per unit of work).</summary>
    public void RevokeAllTokens(DateTimeOffset now)
    {
        RotateSecurityStamp();
        UpdatedAt = now;
        if (!DomainEvents.OfType<SignedOutEverywhere>().Any())
        {
            Raise(new SignedOutEverywhere(Id));
        }
    }

    /// <summary>Marks the user for deletion; the event is dispatched once the deletion is committed.</summary>
    public void MarkDeleted() => Raise(new UserDeleted(Id, Email));

    // Fields with no rule attached, set as given at registration and by a change. A custom field is one line here
    // (README, "How to add a field"), naming it as clients do.
    private void SetPlainFields(UserChanges changes, List<string> changed)
    {
        IsSuperuser = Set(changes.IsSuperuser, IsSuperuser, UserFieldNames.IsSuperuser, changed);
    }

    private static T Set<T>(Optional<T> requested, T current, string field, List<string> changed)
    {
        if (!requested.IsSet || EqualityComparer<T>.Default.Equals(requested.Value, current))
        {
            return current;
        }

        changed.Add(field);
        return requested.Value;
    }

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
