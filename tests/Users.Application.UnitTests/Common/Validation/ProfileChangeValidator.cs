using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.UnitTests.Common.Validation;

/// <summary>Each <see cref="OptionalRuleExtensions"/> rule, as a validator of the service would use it.</summary>
public sealed class ProfileChangeValidator : AbstractValidator<ProfileChange>
{
    public const int MaxDisplayNameLength = 5;

    public ProfileChangeValidator()
    {
        RuleFor(c => c.Email).NotNullWhenSet().MustBeValidEmail();
        RuleFor(c => c.DisplayName).MaximumLength(MaxDisplayNameLength);
        RuleFor(c => c.Flag).NotNullWhenSet();
    }
}
