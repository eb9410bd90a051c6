using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Users.Api.Authentication.Backends;
using Users.Application.Settings;

namespace Users.Api.OpenApi;

/// <summary>
/// Declares the OAuth2 password flow against the first bearer backend's login (<c>/auth/jwt/login</c> by default) (as FastAPI Users' docs do), so the
/// "Authorize" button of <c>/docs</c> logs in with email and password, and marks the routes that need it. The login
/// answer's extra members (<c>refresh_token</c>, <c>expires_in</c>) are the OAuth2 token response's own, so Swagger UI
/// reads it as any OAuth2 server's; the flow names the refresh route when that backend has one.
/// </summary>
public sealed class SecuritySchemeTransformer(AuthBackendRegistry registry, IOptions<UserManagementOptions> options) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string SchemeId = "OAuth2PasswordBearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // Swagger UI can log in only through a bearer backend; with none, the docs simply have no Authorize button.
        var bearer = registry.Backends.FirstOrDefault(b => b.Transport == BackendTransport.Bearer);
        if (bearer is null)
        {
            return Task.CompletedTask;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Log in with your email as username; the access token is then sent as a bearer token.",
            Flows = new OpenApiOAuthFlows
            {
                Password = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri($"/auth/{bearer.Name}/login", UriKind.Relative),
                    RefreshUrl = Endpoints.RefreshEndpoints.IssuesRefreshTokens(bearer, options.Value.RefreshTokens)
                        ? new Uri($"/auth/{bearer.Name}/refresh", UriKind.Relative)
                        : null,
                },
            },
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (registry.Backends.Any(b => b.Transport == BackendTransport.Bearer)
            && context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [],
            });
        }

        return Task.CompletedTask;
    }
}
