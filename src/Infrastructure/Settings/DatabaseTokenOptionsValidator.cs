using Microsoft.Extensions.Options;

namespace Users.Infrastructure.Settings;

public sealed class DatabaseTokenOptionsValidator : IValidateOptions<DatabaseTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PurgeIntervalSeconds is > 0 and <= DatabaseTokenOptions.MaximumPurgeIntervalSeconds
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{DatabaseTokenOptions.SectionName}:{nameof(DatabaseTokenOptions.PurgeIntervalSeconds)} is {options.PurgeIntervalSeconds}; "
                + $"it must be between 1 and {DatabaseTokenOptions.MaximumPurgeIntervalSeconds} (30 days). "
                + $"Remove it to use {DatabaseTokenOptions.DefaultPurgeIntervalSeconds}.");
    }
}
