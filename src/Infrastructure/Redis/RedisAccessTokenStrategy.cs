using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Users.Application.Abstractions.Security;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.Redis;

/// <summary>
/// FastAPI Users' Redis strategy: a token is 32 random bytes (URL-safe base64, 43 characters) and Redis holds
/// <c>fastapi_users_token:{token}</c> → the user's id, with the token's lifetime as its TTL, so Redis forgets it by
/// itself. Better than upstream, the key holds the token's SHA-256, not the token: a copy of Redis hands out no
/// session. Beside it, <c>users:token:{hash}</c> holds the session and the security stamp the token was issued under
/// (the per-request check needs both), and the sets <c>users:session-tokens:{session id}</c> and
/// <c>users:user-tokens:{user id}</c> the token keys of a session and of a user, so that a logout (or any other end of
/// the session) removes the session's keys, and logging out everywhere, a deactivation or a deletion all the user's.
/// </summary>
public sealed class RedisAccessTokenStrategy(RedisConnection redis, IOptions<AuthTokenOptions> options, TimeProvider time) : IAccessTokenStrategy
{
    public const string TokenKeyPrefix = "fastapi_users_token:";
    public const string SessionKeyPrefix = "users:token:";
    public const string UserTokensKeyPrefix = "users:user-tokens:";
    public const string SessionTokensKeyPrefix = "users:session-tokens:";

    // One atomic step: both keys with the token's TTL, and the user's and the session's index of them (each kept as
    // long as its newest token).
    private const string IssueScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
        redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
        for i = 3, 4 do
            redis.call('SADD', KEYS[i], KEYS[1], KEYS[2])
            if redis.call('PTTL', KEYS[i]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
        end
        return 1
        """;

    public string Name => AccessTokenStrategyNames.Redis;

    public async ValueTask<IssuedToken> IssueAsync(User user, Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        var token = OpaqueTokens.New();
        var hash = OpaqueTokens.Hash(token);
        var lifetime = options.Value.AccessTokenLifetimeSeconds;
        var database = await redis.DatabaseAsync();
        await database.ScriptEvaluateAsync(
            IssueScript,
            [TokenKeyPrefix + hash, SessionKeyPrefix + hash, UserTokensKeyPrefix + user.Id.ToString("D"), SessionTokensKeyPrefix + session.Id.ToString("D")],
            [user.Id.ToString("D"), $"{session.Id:D} {user.SecurityStamp}", lifetime * 1000L]);
        return new IssuedToken(token, lifetime, time.GetUtcNow().AddSeconds(lifetime));
    }

    public async ValueTask<AccessTokenClaims?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        if (!OpaqueTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = OpaqueTokens.Hash(token);
        var values = await (await redis.DatabaseAsync()).StringGetAsync([TokenKeyPrefix + hash, SessionKeyPrefix + hash]);
        if (values[0].IsNullOrEmpty || values[1].IsNullOrEmpty
            || !Guid.TryParseExact((string?)values[0], "D", out var userId)
            || ((string?)values[1])!.Split(' ') is not [var session, var stamp]
            || !Guid.TryParseExact(session, "D", out var sessionId))
        {
            return null;
        }

        return new AccessTokenClaims(userId, stamp, sessionId);
    }

    public async ValueTask RevokeAsync(string token, CancellationToken cancellationToken)
    {
        if (OpaqueTokens.IsWellFormed(token))
        {
            var hash = OpaqueTokens.Hash(token);
            await (await redis.DatabaseAsync()).KeyDeleteAsync([TokenKeyPrefix + hash, SessionKeyPrefix + hash]);
        }
    }

    /// <summary>Deletes every token key of <paramref name="userId"/> (log out everywhere, deactivation, deletion).</summary>
    public Task RevokeUserAsync(Guid userId) => DeleteIndexedAsync(UserTokensKeyPrefix + userId.ToString("D"));

    /// <summary>Deletes every token key of <paramref name="sessionId"/> (logout, or the session ended another way).</summary>
    public Task RevokeSessionAsync(Guid sessionId) => DeleteIndexedAsync(SessionTokensKeyPrefix + sessionId.ToString("D"));

    private async Task DeleteIndexedAsync(string index)
    {
        var database = await redis.DatabaseAsync();
        var keys = await database.SetMembersAsync(index);
        await database.KeyDeleteAsync([.. keys.Select(k => (RedisKey)(string?)k), index]);
    }
}
