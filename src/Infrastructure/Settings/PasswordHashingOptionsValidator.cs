using Microsoft.Extensions.Options;

namespace Users.Infrastructure.Settings;

public sealed class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Iterations is > 0 and <= PasswordHashingOptions.MaximumIterations
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Auth:PasswordHashing:Iterations is {options.Iterations}; it must be between 1 and "
                + $"{PasswordHashingOptions.MaximumIterations}. Remove it to use {PasswordHashingOptions.DefaultIterations}.");
    }
}
