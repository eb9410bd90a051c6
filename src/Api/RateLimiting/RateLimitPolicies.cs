using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Users.Api.Errors;
using Users.Api.Networking;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Telemetry;
using Users.Application.Settings;

namespace Users.Api.RateLimiting;

/// <summary>
/// The contract's rate limits as ASP.NET Core rate-limiting policies, one per route group, each partitioned by client
/// address (the connection's, or the one trusted proxies forwarded) and counted in the shared store. A refusal is the
/// contract's 429 <c>TOO_MANY_REQUESTS</c> with <c>Retry-After</c>.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Logins (and refreshes).</summary>
    public const string Login = "login";

    /// <summary>Registration, forgot-password, request-verify-token.</summary>
    public const string Accounts = "accounts";

    /// <summary>Verification and password reset.</summary>
    public const string Tokens = "tokens";

    public static IServiceCollection AddUserRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName))
            .Validate(o => o.WindowSeconds >= 1 && o.Login >= 1 && o.Accounts >= 1 && o.Tokens >= 1 && o.MailIntervalSeconds >= 0,
                "RateLimiting:WindowSeconds, Login, Accounts and Tokens must be at least 1, and MailIntervalSeconds not negative.")
            .ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => RejectAsync(context);
            o.AddPolicy(Login, context => Partition(context, Login, s => s.Login));
            o.AddPolicy(Accounts, context => Partition(context, Accounts, s => s.Accounts));
            o.AddPolicy(Tokens, context => Partition(context, Tokens, s => s.Tokens));
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string policy, Func<RateLimitingOptions, int> limit)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (!settings.Enabled)
        {
            return RateLimitPartition.GetNoLimiter(policy);
        }

        var key = $"{policy}:{context.ClientAddress() ?? "unknown"}";
        var services = context.RequestServices;
        return RateLimitPartition.Get(key, k => new SharedWindowRateLimiter(
            k,
            limit(settings),
            TimeSpan.FromSeconds(settings.WindowSeconds),
            services.GetRequiredService<IRateLimitCounter>(),
            services.GetRequiredService<TimeProvider>()));
    }

    private static async ValueTask RejectAsync(OnRejectedContext context)
    {
        UsersMetrics.RateLimit(context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "other");
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
        {
            context.HttpContext.Response.Headers.RetryAfter = Problems.RetryAfterSeconds(wait);
        }

        await Problems.Create(StatusCodes.Status429TooManyRequests, "TOO_MANY_REQUESTS", context.HttpContext).ExecuteAsync(context.HttpContext);
    }
}
