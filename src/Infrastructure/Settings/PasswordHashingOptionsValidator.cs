using System.Globalization;
using Microsoft.Extensions.Options;

namespace Users.Infrastructure.Settings;

public sealed class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(5);
        if (!options.IsArgon2id && !options.IsSha256 && !options.IsSha512)
        {
            failures.Add(
                $"Auth:PasswordHashing:Algorithm is '{options.Algorithm}', which is not supported. Set it to "
                + $"'{PasswordHashingOptions.Argon2idAlgorithm}', '{PasswordHashingOptions.Sha256Algorithm}' or "
                + $"'{PasswordHashingOptions.Sha512Algorithm}', or remove it to use '{PasswordHashingOptions.Argon2idAlgorithm}'.");
        }

        Check(failures, "Iterations", options.Iterations, 1, PasswordHashingOptions.MaximumIterations, PasswordHashingOptions.DefaultIterations);
        Check(failures, "Argon2:MemoryKiB", options.Argon2.MemoryKiB,
            Argon2Options.MinimumMemoryKiB, Argon2Options.MaximumMemoryKiB, Argon2Options.DefaultMemoryKiB);
        Check(failures, "Argon2:Iterations", options.Argon2.Iterations, 1, Argon2Options.MaximumIterations, Argon2Options.DefaultIterations);
        Check(failures, "MaxConcurrent", options.MaxConcurrent, 1, 1024, Environment.ProcessorCount);
        Check(failures, "QueueLimit", options.QueueLimit, 0, PasswordHashingOptions.MaximumQueueLimit, PasswordHashingOptions.DefaultQueueLimit);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, int value, int minimum, int maximum, int fallback)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Auth:PasswordHashing:{key} is {value}; it must be between {minimum} and {maximum}. Remove it to use {fallback}."));
        }
    }
}
