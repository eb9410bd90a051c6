using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Users.Api.Authentication;
using Users.Api.Binding;
using Users.Api.Endpoints;
using Users.Api.Errors;
using Users.Api.Hardening;

namespace Users.Api;

public static class WebApplicationExtensions
{
    /// <summary>The request pipeline, in the order the contract's checks need.</summary>
    public static WebApplication UseApi(this WebApplication app)
    {
        app.Use(HttpAuditContext.BindToRequestAsync);

        // First: the client address and scheme every later step sees. With no trusted proxy nobody's forwarded headers
        // are believed, which is what leaving the middleware out does too, minus its work on every request.
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value is { KnownProxies.Count: > 0 } or { KnownIPNetworks.Count: > 0 })
        {
            app.UseForwardedHeaders();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (app.Services.GetRequiredService<IOptions<HstsSettings>>().Value.Enabled)
        {
            app.UseHsts();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages(context => context.HttpContext.Response.HasStarted
            ? Task.CompletedTask
            : Problems.WriteStatusAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        // Only under /docs: the UI middleware would otherwise match its path pattern on every request.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase),
            docs => docs.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "docs";
                o.DocumentTitle = "Users API";
                o.SwaggerEndpoint("/openapi/v1.json", "Users v1");
            }));

        app.UseRouting();
        app.UseRateLimiter(); // before anything reads a body or hashes a password
        app.UseMiddleware<JsonBodyMiddleware>(); // malformed JSON answers 422 before authentication answers 401
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapAuthEndpoints();
        app.MapRefreshEndpoints();
        app.MapRegisterEndpoints();
        app.MapVerifyEndpoints();
        app.MapResetPasswordEndpoints();
        app.MapUsersEndpoints();
        app.MapSessionsEndpoints();
        app.MapOAuthEndpoints();
        app.MapAuditEndpoints();
        return app;
    }
}
