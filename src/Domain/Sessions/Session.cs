using Users.Domain.Common;
using Users.Domain.Sessions.Events;
using Users.Domain.Users;

namespace Users.Domain.Sessions;

/// <summary>
/// One login: every token issued by it (an access JWT carries the session's id, a database token or refresh token
/// belongs to it) lives only as long as the session does, so ending the session ends all of them at once. It keeps
/// the user's security stamp of the moment it started: a session from before a password change, reset, deactivation
/// or "log out everywhere" is over.
/// </summary>
public sealed class Session : AggregateRoot
{
    /// <summary><see cref="LastUsedAt"/> is written at most this often per session, so requests do not each write.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Longest backend name kept (configuration names backends).</summary>
    public const int BackendLength = 64;

    private Session() { } // for EF Core

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The user's security stamp when the session started; once the user's differs, the session is over.</summary>
    public string SecurityStamp { get; private set; } = string.Empty;

    /// <summary>The backend (<c>/auth/{name}</c>) the session logged in through.</summary>
    public string Backend { get; private set; } = string.Empty;

    public string? UserAgent { get; private set; }

    public string? Ip { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When a request last authenticated with one of the session's tokens, to within <see cref="LastUsedResolution"/>.</summary>
    public DateTimeOffset LastUsedAt { get; private set; }

    /// <summary>When the last of the session's tokens expires; the session is over from then on.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Starts a session for <paramref name="user"/>; it lasts until <see cref="ExtendTo"/> gives it tokens.</summary>
    public static Session Start(User user, string backend, SessionClient client, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(backend);
        ArgumentNullException.ThrowIfNull(client);
        if (backend.Length > BackendLength)
        {
            throw new ArgumentException($"A backend name has at most {BackendLength} characters.", nameof(backend));
        }

        var session = new Session
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            SecurityStamp = user.SecurityStamp,
            Backend = backend,
            UserAgent = client.UserAgent,
            Ip = client.Ip,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now,
        };
        session.Raise(new SessionStarted(session.Id, user.Id));
        return session;
    }

    /// <summary>The backend named by sessions that hold a database token brought over from an adopted FastAPI Users deployment.</summary>
    public const string AdoptedBackend = "adopted";

    /// <summary>
    /// The session of a database token adopted from FastAPI Users, which had no sessions: it starts when the token was
    /// issued and ends when the token expires. Raises no event (nobody logged in now).
    /// </summary>
    public static Session Adopt(Guid userId, string securityStamp, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(securityStamp);
        return new Session
        {
            Id = Guid.CreateVersion7(createdAt),
            UserId = userId,
            SecurityStamp = securityStamp,
            Backend = AdoptedBackend,
            CreatedAt = createdAt,
            LastUsedAt = createdAt,
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>Whether the session still stands at <paramref name="now"/> for a user whose stamp is <paramref name="userStamp"/>.</summary>
    public bool IsLive(string userStamp, DateTimeOffset now) =>
        now < ExpiresAt && string.Equals(SecurityStamp, userStamp, StringComparison.Ordinal);

    /// <summary>Keeps the session at least until <paramref name="expiresAt"/> (a token issued for it lives that long).</summary>
    public void ExtendTo(DateTimeOffset expiresAt)
    {
        if (expiresAt > ExpiresAt)
        {
            ExpiresAt = expiresAt;
        }
    }

    /// <summary>
    /// Whether a use at <paramref name="now"/> is worth writing, the last one recorded being at
    /// <paramref name="lastUsedAt"/> (see <see cref="LastUsedResolution"/>): the per-request check writes only then.
    /// </summary>
    public static bool IsUseWorthRecording(DateTimeOffset lastUsedAt, DateTimeOffset now) => now - lastUsedAt >= LastUsedResolution;

    /// <summary>Ends the session (its row and every token of it are deleted with it); the event records why.</summary>
    public void End(SessionEndReason reason) => Raise(new SessionEnded(Id, UserId, reason));
}
