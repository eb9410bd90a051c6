using StackExchange.Redis;
using Users.Application.Abstractions.Security;

namespace Users.Infrastructure.Redis;

/// <summary>
/// Rate-limit counters in Redis: one atomic script per hit (increment, set the window's expiry at the first hit, read
/// what is left of it), so every instance over the same Redis shares them; Redis forgets finished windows by itself.
/// </summary>
public sealed class RedisRateLimitCounter(RedisConnection redis, TimeProvider time) : IRateLimitCounter
{
    public const string KeyPrefix = "users:rate:";

    // KEYS[1] the counter, ARGV[1] the window in milliseconds. A key without expiry (left by an interrupted write)
    // gets one, so no counter can live forever.
    private const string Script = """
        local hits = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if hits == 1 or ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            ttl = tonumber(ARGV[1])
        end
        return { hits, ttl }
        """;

    public async Task<RateLimitHit> HitAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var database = await redis.DatabaseAsync();
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(
            Script, [new RedisKey(KeyPrefix + key)], [(long)window.TotalMilliseconds]))!;
        return new RateLimitHit((long)result[0], time.GetUtcNow().AddMilliseconds((long)result[1]));
    }
}
