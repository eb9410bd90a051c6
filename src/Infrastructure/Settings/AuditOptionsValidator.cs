using Microsoft.Extensions.Options;

namespace Users.Infrastructure.Settings;

public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    /// <summary>A hundred years: past that, a number is a typo rather than a policy.</summary>
    public const int MaximumRetentionDays = 36_500;

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RetentionDays is >= 1 and <= MaximumRetentionDays
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{AuditOptions.SectionName}:{nameof(AuditOptions.RetentionDays)} is {options.RetentionDays}; "
                + $"it must be between 1 and {MaximumRetentionDays}. Remove it to use {AuditOptions.DefaultRetentionDays}.");
    }
}
