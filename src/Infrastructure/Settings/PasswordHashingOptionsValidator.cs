using Microsoft.Extensions.Options;

namespace Users.Infrastructure.Settings;

public sealed class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(2);
        if (!options.IsSha256 && !options.IsSha512)
        {
            failures.Add(
                $"Auth:PasswordHashing:Algorithm is '{options.Algorithm}', which is not supported. Set it to "
                + $"'{PasswordHashingOptions.Sha256Algorithm}' or '{PasswordHashingOptions.Sha512Algorithm}', "
                + $"or remove it to use '{PasswordHashingOptions.Sha256Algorithm}'.");
        }

        if (options.Iterations is < 1 or > PasswordHashingOptions.MaximumIterations)
        {
            failures.Add(
                $"Auth:PasswordHashing:Iterations is {options.Iterations}; it must be between 1 and "
                + $"{PasswordHashingOptions.MaximumIterations}. Remove it to use {PasswordHashingOptions.DefaultIterations}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
