using FluentValidation;
using Users.Domain.Common;

namespace Users.Application.Common.Validation;

/// <summary>Rules for <see cref="Optional{T}"/> members: an unset member passes every rule.</summary>
public static class OptionalRuleExtensions
{
    public const string NotNullMessage = "Input should not be null";

    /// <summary>Sent as <c>null</c> where the field cannot be cleared (an address, a flag).</summary>
    public static IRuleBuilderOptions<T, Optional<TValue>> NotNullWhenSet<T, TValue>(this IRuleBuilder<T, Optional<TValue>> rule) =>
        rule.Must(value => !value.IsSet || value.Value is not null)
            .WithErrorCode(ValidationTypes.StringType)
            .WithMessage(NotNullMessage);

    /// <summary>At most <paramref name="maxLength"/> characters (Unicode code points, as FastAPI's <c>max_length</c> counts them).</summary>
    public static IRuleBuilderOptions<T, Optional<string?>> MaximumLength<T>(this IRuleBuilder<T, Optional<string?>> rule, int maxLength) =>
        rule.Must(value => value.Value is null || value.Value.EnumerateRunes().Count() <= maxLength)
            .WithErrorCode(ValidationTypes.StringTooLong)
            .WithMessage($"String should have at most {maxLength} characters");

    /// <summary>An address <see cref="Domain.Users.Email.Create"/> accepts, when one is given.</summary>
    public static IRuleBuilderOptionsConditions<T, Optional<string?>> MustBeValidEmail<T>(this IRuleBuilder<T, Optional<string?>> rule) =>
        rule.Custom((value, context) => EmailValidationExtensions.CheckEmail(value.Value, context));
}
