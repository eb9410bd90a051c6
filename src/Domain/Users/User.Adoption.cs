namespace Users.Domain.Users;

/// <summary>Users brought over from an existing FastAPI Users deployment (the <c>adopt-fastapi-users</c> command).</summary>
public sealed partial class User
{
    /// <summary>
    /// Starts the security stamp of every adopted user, until the first event that replaces it (password change or
    /// reset, deactivation, log out everywhere). Access tokens FastAPI Users issued carry no stamp; while
    /// <c>Auth:AcceptLegacyTokens</c> is on, they are honoured only for users whose stamp still starts with this, so
    /// any of those events ends them as it ends ours.
    /// </summary>
    public const string AdoptedStampPrefix = "adopted-";

    /// <summary>Whether access tokens of the adopted deployment may still stand for this user (see <see cref="AdoptedStampPrefix"/>).</summary>
    public static bool StampAcceptsLegacyTokens(string securityStamp) =>
        securityStamp?.StartsWith(AdoptedStampPrefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// A user as the adopted deployment holds it: its id, address as stored, password hash (in whatever format that
    /// deployment wrote; verified and re-hashed at the first login) and flags are kept. Raises no event: the user was
    /// registered elsewhere, and nothing is sent.
    /// </summary>
    public static User Adopt(Guid id, Email email, string passwordHash, bool isActive, bool isSuperuser, bool isVerified, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        if (id == Guid.Empty)
        {
            throw new ArgumentException("An adopted user keeps its id, which cannot be empty.", nameof(id));
        }

        return new User
        {
            Id = id,
            Email = email.Value,
            NormalizedEmail = email.Normalized,
            HashedPassword = passwordHash,
            IsActive = isActive,
            IsSuperuser = isSuperuser,
            IsVerified = isVerified,
            SecurityStamp = AdoptedStampPrefix + NewSecurityStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
