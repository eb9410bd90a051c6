using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Users.Api.Authentication;
using Users.Api.Errors;
using Users.Api.OpenApi;
using Users.Application.Settings;

namespace Users.Api;

public static class DependencyInjection
{
    /// <summary>Registers the HTTP layer: JSON conventions, error mapping, authentication backends, policies, OpenAPI.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UserManagementOptions>()
            .Bind(configuration.GetSection(UserManagementOptions.SectionName))
            .Validate(o => o.Password.MinLength >= 1 && o.Password.MaxLength >= o.Password.MinLength && o.Password.MaxLength <= 4096,
                "Auth:Password:MinLength must be at least 1 and Auth:Password:MaxLength between MinLength and 4096.")
            .ValidateOnStart();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = RequestSizeLimitMiddleware.MaxBodyBytes);
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = RequestSizeLimitMiddleware.MaxBodyBytes;
            o.BufferBodyLengthLimit = RequestSizeLimitMiddleware.MaxBodyBytes;
        });

        services.AddProblemDetails();
        services.AddExceptionHandler<UnhandledExceptionHandler>();

        services.AddAuthentication(AuthSchemes.Jwt)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AuthSchemes.Jwt, null);
        services.AddAuthorizationBuilder().AddUserPolicies();

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
        });
        return services;
    }
}
