using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Users.Infrastructure.Redis;

/// <summary>Readiness when Redis is configured: the service cannot count rate limits without it.</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await (await redis.DatabaseAsync()).PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis cannot be reached", exception);
        }
    }
}
