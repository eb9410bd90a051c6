using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Users.Api.Authentication.Backends;

/// <summary>
/// The default scheme: tries every backend in configured order; the first that yields a user wins. A token
/// that one backend rejects does not stop the next from trying its own transport.
/// </summary>
public sealed class AnyBackendAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthBackendRegistry registry,
    BackendAuthenticator authenticator) : ContractAuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    // One backend (the usual deployment): its answer is the answer, handed straight through.
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        registry.Backends.Count == 1
            ? authenticator.AuthenticateAsync(Context, registry.Backends[0], Scheme.Name)
            : FirstBackendThatAuthenticatesAsync();

    private async Task<AuthenticateResult> FirstBackendThatAuthenticatesAsync()
    {
        AuthenticateResult? failure = null;
        foreach (var backend in registry.Backends)
        {
            var result = await authenticator.AuthenticateAsync(Context, backend, Scheme.Name);
            if (result.Succeeded)
            {
                return result;
            }

            failure ??= result.Failure is null ? null : result;
        }

        return failure ?? AuthenticateResult.NoResult();
    }
}
