namespace Users.Api.Hardening;

/// <summary>
/// Headers every API response carries, added as the response starts (so error pages written by the exception handler,
/// which clears headers, get them too): <c>X-Content-Type-Options: nosniff</c>, and <c>Cache-Control: no-store</c>
/// because responses carry tokens (login), cookies or personal data, which no shared or browser cache should keep.
/// The interactive docs under <c>/docs</c> are static assets and keep their own caching.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(static state => AddHeaders((HttpContext)state), context);
        return next(context);
    }

    private static Task AddHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (!context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }
}
