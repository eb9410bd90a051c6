namespace Users.Domain.Sessions;

/// <summary>
/// One refresh token of a session, known only by its hash. Presenting it spends it and yields a successor; the
/// successor pair is kept sealed under a key only the presented token gives, so that a second presentation within the
/// reuse interval (two tabs refreshing at once) is answered with the same pair, while one after it is token theft:
/// the whole session ends.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken() { } // for EF Core

    /// <summary>The token's hash (the token itself is never stored).</summary>
    public string TokenHash { get; private set; } = string.Empty;

    public Guid SessionId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Refused from this instant on: the idle lifetime from issue, capped by the session's absolute end.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When it was presented and exchanged; <c>null</c> while it is unspent.</summary>
    public DateTimeOffset? SpentAt { get; private set; }

    /// <summary>The successor pair answered when it was spent, sealed with a key derived from this token.</summary>
    public string? SealedSuccessor { get; private set; }

    public static RefreshToken Issue(string tokenHash, Session session, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        ArgumentNullException.ThrowIfNull(session);
        return new RefreshToken { TokenHash = tokenHash, SessionId = session.Id, CreatedAt = now, ExpiresAt = expiresAt };
    }

    public bool IsSpent => SpentAt is not null;

    /// <summary>Whether a spent token presented at <paramref name="now"/> is still a benign repeat (not a reuse).</summary>
    public bool IsWithinReuseInterval(DateTimeOffset now, TimeSpan reuseInterval) =>
        SpentAt is { } spent && now - spent <= reuseInterval && SealedSuccessor is not null;

    /// <summary>Spends the token at <paramref name="now"/>, keeping the sealed successor pair; a token is spent once.</summary>
    public void Spend(DateTimeOffset now, string sealedSuccessor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sealedSuccessor);
        if (IsSpent)
        {
            throw new InvalidOperationException("A refresh token is spent once.");
        }

        SpentAt = now;
        SealedSuccessor = sealedSuccessor;
    }
}
