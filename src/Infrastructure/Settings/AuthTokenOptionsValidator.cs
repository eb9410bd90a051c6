using System.Text;
using Microsoft.Extensions.Options;

namespace Users.Infrastructure.Settings;

public sealed class AuthTokenOptionsValidator : IValidateOptions<AuthTokenOptions>
{
    public const string SecretMessage =
        "Auth:Secret is missing or shorter than 32 bytes. Set it (for example with the environment variable Auth__Secret) "
        + "to a random value of at least 32 bytes, such as the output of 'openssl rand -base64 48'.";

    public ValidateOptionsResult Validate(string? name, AuthTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(2);

        // The message never repeats the value: it is a secret even when it is too short.
        if (options.Secret is null || Encoding.UTF8.GetByteCount(options.Secret) < AuthTokenOptions.MinimumSecretBytes)
        {
            failures.Add(SecretMessage);
        }

        if (options.AccessTokenLifetimeSeconds <= 0)
        {
            failures.Add(
                $"Auth:AccessTokenLifetimeSeconds is {options.AccessTokenLifetimeSeconds}; it must be greater than 0. "
                + "Set it to the access token lifetime in seconds, or remove it to use 3600.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
