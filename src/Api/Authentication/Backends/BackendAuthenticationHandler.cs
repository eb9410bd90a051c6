using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Users.Api.Authentication.Backends;

/// <summary>One backend's own scheme (its logout route accepts only its own token).</summary>
public sealed class BackendAuthenticationHandler(
    IOptionsMonitor<BackendAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BackendAuthenticator authenticator) : ContractAuthenticationHandler<BackendAuthenticationOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        authenticator.AuthenticateAsync(Context, Options.Backend, Scheme.Name);
}
