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
        var failures = new List<string>(4);

        // The message never repeats the value: it is a secret even when it is too short.
        if (options.Secret is null || Encoding.UTF8.GetByteCount(options.Secret) < AuthTokenOptions.MinimumSecretBytes)
        {
            failures.Add(SecretMessage);
        }

        AddIfNotPositive(failures, nameof(AuthTokenOptions.AccessTokenLifetimeSeconds), options.AccessTokenLifetimeSeconds, "access token");
        AddIfNotPositive(failures, nameof(AuthTokenOptions.VerifyTokenLifetimeSeconds), options.VerifyTokenLifetimeSeconds, "verification token");
        AddIfNotPositive(
            failures, nameof(AuthTokenOptions.ResetPasswordTokenLifetimeSeconds), options.ResetPasswordTokenLifetimeSeconds, "password reset token");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfNotPositive(List<string> failures, string key, int seconds, string what)
    {
        if (seconds <= 0)
        {
            failures.Add(
                $"{AuthTokenOptions.SectionName}:{key} is {seconds}; it must be greater than 0. "
                + $"Set it to the {what} lifetime in seconds, or remove it to use 3600.");
        }
    }
}
