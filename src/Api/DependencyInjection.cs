using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Users.Api.Authentication;
using Users.Api.Authentication.Backends;
using Users.Api.Authentication.OAuth;
using Users.Api.Binding;
using Users.Api.Errors;
using Users.Api.Hardening;
using Users.Api.Hosting;
using Users.Api.Networking;
using Users.Api.Observability;
using Users.Api.OpenApi;
using Users.Api.RateLimiting;
using Users.Application;
using Users.Application.Abstractions.Audit;
using Users.Application.Settings;

namespace Users.Api;

public static class DependencyInjection
{
    /// <summary>Registers the HTTP layer: JSON conventions, error mapping, authentication backends, policies, OpenAPI.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTelemetry(configuration);
        services.AddOptions<ShutdownOptions>()
            .Bind(configuration.GetSection(ShutdownOptions.SectionName))
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 600, "Shutdown:TimeoutSeconds must be between 1 and 600.")
            .ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>(
            (host, shutdown) => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.TimeoutSeconds));
        services.AddOptions<UserManagementOptions>()
            .Bind(configuration.GetSection(UserManagementOptions.SectionName))
            .Validate(o => o.Password.MinLength >= 1 && o.Password.MaxLength >= o.Password.MinLength && o.Password.MaxLength <= 4096,
                "Auth:Password:MinLength must be at least 1 and Auth:Password:MaxLength between MinLength and 4096.")
            .Validate(o => o.Lockout.MaxFailures is >= 1 and <= 100,
                "Auth:Lockout:MaxFailures must be between 1 and 100 (NIST SP 800-63B-4 allows at most 100 consecutive failures).")
            .Validate(o => o.Lockout.BaseSeconds >= 1 && o.Lockout.MaxSeconds >= o.Lockout.BaseSeconds && o.Lockout.ForgetAfterSeconds >= o.Lockout.MaxSeconds,
                "Auth:Lockout:BaseSeconds must be at least 1, MaxSeconds at least BaseSeconds, and ForgetAfterSeconds at least MaxSeconds.")
            .Validate(o => o.RefreshTokens.IdleSeconds >= 60 && o.RefreshTokens.LifetimeSeconds >= o.RefreshTokens.IdleSeconds,
                "Auth:RefreshTokens:IdleSeconds must be at least 60 and Auth:RefreshTokens:LifetimeSeconds at least IdleSeconds.")
            .Validate(o => o.RefreshTokens.ReuseIntervalSeconds is >= 0 and <= 300,
                "Auth:RefreshTokens:ReuseIntervalSeconds must be between 0 and 300.")
            .ValidateOnStart();

        services.AddScoped<HttpAuditContext>();
        services.AddScoped<IAuditContext>(sp => sp.GetRequiredService<HttpAuditContext>());
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ResponseJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, RequestJsonContext.Default); // what OpenAPI documents
            o.SerializerOptions.Converters.Add(new OptionalJsonConverterFactory());
        });
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = RequestSizeLimitMiddleware.MaxBodyBytes;
            o.AddServerHeader = false; // no product and version for a scanner to match against
        });
        services.AddOptions<HstsSettings>().Bind(configuration.GetSection(HstsSettings.SectionName))
            .Validate(o => o.MaxAgeSeconds > 0, "Hsts:MaxAgeSeconds must be positive.")
            .ValidateOnStart();
        services.AddOptions<HstsOptions>().Configure<IOptions<HstsSettings>>((o, settings) =>
        {
            o.MaxAge = TimeSpan.FromSeconds(settings.Value.MaxAgeSeconds);
            o.IncludeSubDomains = settings.Value.IncludeSubDomains;
            o.Preload = settings.Value.Preload;
        });
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = RequestSizeLimitMiddleware.MaxBodyBytes;
            o.BufferBodyLengthLimit = RequestSizeLimitMiddleware.MaxBodyBytes;
        });

        services.AddMappingsFrom(typeof(DependencyInjection).Assembly);
        services.AddTrustedProxies(configuration);
        services.AddUserRateLimits(configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<UnhandledExceptionHandler>();

        services.AddOptions<EmailLinkOptions>().Bind(configuration.GetSection(EmailLinkOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Email:PublicBaseUrl must be an absolute URL such as https://users.example.com.")
            .ValidateOnStart();
        services.AddOptions<CookieTransportOptions>().Bind(configuration.GetSection(CookieTransportOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name), "Auth:Cookie:Name must not be empty.")
            .Validate(o => o.MaxAgeSeconds is null or > 0, "Auth:Cookie:MaxAgeSeconds must be positive (leave it out for a session cookie).")
            .Validate(o => o.SameSite != SameSiteMode.None || o.Secure, "Auth:Cookie:SameSite=None requires Auth:Cookie:Secure=true (browsers refuse it otherwise).")
            .ValidateOnStart();
        services.AddSingleton<AuthCookies>();
        AddOAuth(services, configuration);

        var backends = AuthBackendsConfiguration.Read(configuration);
        services.AddSingleton(new AuthBackendRegistry(backends));
        services.AddSingleton<BackendAuthenticator>();
        services.AddSingleton<IAuthorizationHandler, VerifiedWhenRequiredHandler>();
        var authentication = services.AddAuthentication(AuthSchemes.AnyBackend)
            .AddScheme<AuthenticationSchemeOptions, AnyBackendAuthenticationHandler>(AuthSchemes.AnyBackend, null);
        foreach (var backend in backends)
        {
            authentication.AddScheme<BackendAuthenticationOptions, BackendAuthenticationHandler>(backend.Name, o => o.Backend = backend);
        }

        services.AddAuthorizationBuilder().AddUserPolicies(backends);

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Users";
                document.Info.Description = "User management compatible with FastAPI Users clients.";
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer<SecuritySchemeTransformer>();
            o.AddOperationTransformer<SecuritySchemeTransformer>();
            o.AddOperationTransformer<RequestBodyTransformer>();
            o.AddSchemaTransformer<OptionalSchemaTransformer>();
        });
        RemoveDataProtectionWarmUp(services);
        return services;
    }

    /// <summary>The hosted service of <c>AddDataProtection</c> that reads the key ring at start-up, before any request.</summary>
    public const string DataProtectionWarmUpType = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    // Data Protection seals only OAuth provider tokens here, so its key ring is read when a sign-in first needs it, not
    // at start-up: the warm-up reads the database through EF Core before the first request (about 40 MB at start and
    // 2-3 MB under load in `rss` probes), for services that may never use it. Registered by AddAuthentication as well,
    // so it is removed last.
    private static void RemoveDataProtectionWarmUp(IServiceCollection services)
    {
        foreach (var warmUp in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == DataProtectionWarmUpType).ToList())
        {
            services.Remove(warmUp);
        }
    }

    // The providers are bound here because their validation needs the backends; Infrastructure talks to them.
    private static void AddOAuth(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(OAuthOptions.SectionName);
        services.AddOptions<OAuthOptions>()
            .Bind(section)
            .PostConfigure(o =>
            {
                // Scopes as one space-separated value (an environment variable) as well as a list.
                foreach (var (name, provider) in o.Providers)
                {
                    if (provider.Scopes.Length == 0 && section[$"{nameof(OAuthOptions.Providers)}:{name}:{nameof(OAuthProviderOptions.Scopes)}"] is { Length: > 0 } scopes)
                    {
                        provider.Scopes = [scopes];
                    }
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OAuthOptions>, OAuthOptionsValidator>();
        services.AddSingleton<OAuthCsrfCookie>();
    }
}
