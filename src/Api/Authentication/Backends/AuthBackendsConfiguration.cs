using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;

namespace Users.Api.Authentication.Backends;

/// <summary>
/// Reads <c>Auth:Backends</c> (a list of <c>{Name, Transport, Strategy}</c>, tried in order). Without it, the
/// contract's defaults: <c>jwt</c> (bearer + JWT) and <c>cookie</c> (cookie + database tokens). Read once at
/// start-up because backends become routes and authentication schemes; a bad entry stops the start with a message.
/// </summary>
public static partial class AuthBackendsConfiguration
{
    public const string SectionName = "Auth:Backends";

    public static IReadOnlyList<AuthBackend> Defaults =>
    [
        new() { Name = "jwt", Transport = BackendTransport.Bearer, Strategy = AccessTokenStrategyNames.Jwt },
        new() { Name = "cookie", Transport = BackendTransport.Cookie, Strategy = AccessTokenStrategyNames.Database },
    ];

    public static IReadOnlyList<AuthBackend> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        if (!section.GetChildren().Any())
        {
            return Defaults;
        }

        var backends = new List<AuthBackend>();
        var failures = new List<string>();
        foreach (var entry in section.GetChildren())
        {
            var name = entry["Name"]?.Trim() ?? string.Empty;
            var transport = entry["Transport"]?.Trim();
            var strategy = entry["Strategy"]?.Trim().ToLowerInvariant() ?? string.Empty;
            var at = $"{SectionName}:{entry.Key}";
            if (!NamePattern().IsMatch(name))
            {
                failures.Add($"{at}:Name '{name}' must be lower-case letters, digits or '-' (it becomes /auth/<name>).");
            }

            if (name == AuthSchemes.AnyBackend)
            {
                failures.Add($"{at}:Name '{name}' is reserved.");
            }

            if (!Enum.TryParse<BackendTransport>(transport, ignoreCase: true, out var parsedTransport) || !Enum.IsDefined(parsedTransport))
            {
                failures.Add($"{at}:Transport '{transport}' is not supported. Use 'Bearer' or 'Cookie'.");
            }

            if (strategy is not (AccessTokenStrategyNames.Jwt or AccessTokenStrategyNames.Database or AccessTokenStrategyNames.Redis))
            {
                failures.Add($"{at}:Strategy '{strategy}' is not supported. Use 'jwt', 'database' or 'redis'.");
            }
            else if (strategy == AccessTokenStrategyNames.Redis && string.IsNullOrWhiteSpace(configuration["Redis:Configuration"]))
            {
                failures.Add($"{at}:Strategy 'redis' needs Redis:Configuration (a StackExchange.Redis configuration string such as redis.internal:6379).");
            }

            backends.Add(new AuthBackend { Name = name, Transport = parsedTransport, Strategy = strategy });
        }

        foreach (var duplicate in backends.GroupBy(b => b.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"{SectionName} names the backend '{duplicate.Key}' more than once.");
        }

        return failures.Count == 0
            ? backends
            : throw new OptionsValidationException(SectionName, typeof(AuthBackend), failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex NamePattern();
}
