using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Users.Api.Authentication.Backends;
using Users.Application.Settings;

namespace Users.Api.Authentication.OAuth;

/// <summary>
/// Stops the start-up on a provider that cannot work, with a sentence naming the setting: a name that cannot be a route
/// segment, no client id, neither discovery nor the three endpoints (or both), a URL that is not absolute https (plain
/// http only to a loopback address, for development), a backend that is not configured, or a redirect after the
/// callback on a bearer backend (the token would have to travel in a URL).
/// </summary>
public sealed partial class OAuthOptionsValidator(AuthBackendRegistry backends) : IValidateOptions<OAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, OAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TimeoutSeconds is < 1 or > 120)
        {
            failures.Add($"OAuth:TimeoutSeconds is {options.TimeoutSeconds}; set it between 1 and 120.");
        }

        foreach (var (provider, settings) in options.Providers)
        {
            failures.AddRange(Check($"OAuth:Providers:{provider}", provider, settings));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> Check(string path, string provider, OAuthProviderOptions settings)
    {
        if (!ProviderName().IsMatch(provider))
        {
            yield return $"{path}: the provider name '{provider}' must be 1 to 63 lower-case letters, digits, '-' or '_' (it is a route segment: /auth/{{name}}/authorize).";
        }

        if (string.IsNullOrWhiteSpace(settings.ClientId))
        {
            yield return $"{path}:ClientId is required.";
        }

        var endpoints = new[] { ("AuthorizeEndpoint", settings.AuthorizeEndpoint), ("TokenEndpoint", settings.TokenEndpoint), ("UserInfoEndpoint", settings.UserInfoEndpoint) };
        if (settings.IsOpenIdConnect)
        {
            if (endpoints.Any(e => !string.IsNullOrWhiteSpace(e.Item2)))
            {
                yield return $"{path}: set either Authority (OpenID Connect discovery) or AuthorizeEndpoint, TokenEndpoint and UserInfoEndpoint (plain OAuth2), not both.";
            }

            if (UrlProblem(settings.Authority) is { } problem)
            {
                yield return $"{path}:Authority {problem}";
            }
        }
        else
        {
            foreach (var (key, value) in endpoints)
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    yield return $"{path}:{key} is required without Authority (set Authority for OpenID Connect discovery, or all three endpoints for plain OAuth2).";
                }
                else if (UrlProblem(value) is { } problem)
                {
                    yield return $"{path}:{key} {problem}";
                }
            }
        }

        var backend = backends.Backends.FirstOrDefault(b => string.Equals(b.Name, settings.Backend, StringComparison.Ordinal));
        if (backend is null)
        {
            yield return $"{path}:Backend is '{settings.Backend}', which is not a configured backend ({string.Join(", ", backends.Backends.Select(b => b.Name))}).";
        }

        if (!string.IsNullOrWhiteSpace(settings.RedirectUrl))
        {
            if (!Uri.TryCreate(settings.RedirectUrl, UriKind.Absolute, out var redirect) || redirect.Scheme is not ("https" or "http"))
            {
                yield return $"{path}:RedirectUrl must be an absolute http(s) URL such as https://app.example.com/signed-in.";
            }
            else if (backend is { Transport: not BackendTransport.Cookie })
            {
                yield return $"{path}:RedirectUrl needs a cookie backend (Backend '{settings.Backend}' answers with a bearer token, which a redirect would put in a URL). Set Backend to a cookie backend or leave RedirectUrl out.";
            }
        }

        if (settings.ClientAuthentication is not (null or "client_secret_basic" or "client_secret_post"))
        {
            yield return $"{path}:ClientAuthentication is '{settings.ClientAuthentication}'; set it to client_secret_basic or client_secret_post, or leave it out.";
        }

        if (new[] { settings.IdClaim, settings.EmailClaim, settings.EmailVerifiedClaim }.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{path}: IdClaim, EmailClaim and EmailVerifiedClaim must not be empty (leave them out for id, email and email_verified).";
        }
    }

    private static string? UrlProblem(string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            return $"is '{value}', which is not an absolute https URL.";
        }

        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));
        return url.Scheme == "http" && !loopback
            ? $"is '{value}': plain http is allowed only to a loopback address (development); use https."
            : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderName();
}
