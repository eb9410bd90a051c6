namespace Users.Infrastructure.Persistence;

/// <summary>
/// One database-strategy access token. Only the token's SHA-256 hash is stored, so the table's contents (a backup,
/// a read replica) cannot be replayed as credentials.
/// </summary>
public sealed class AccessTokenRecord
{
    /// <summary>SHA-256 of the token's characters, lower-case hex; the primary key.</summary>
    public required string TokenHash { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>The session the token belongs to; the row is deleted with it.</summary>
    public required Guid SessionId { get; init; }

    /// <summary>The user's security stamp when the token was issued; the caller refuses the token once the stamp changes.</summary>
    public required string SecurityStamp { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The token is refused from this instant on.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
