using FluentValidation;
using Users.Domain.Users;

namespace Users.Application.Common.Validation;

public static class EmailValidationExtensions
{
    /// <summary>The field must be an address <see cref="Email.Create"/> accepts; the message says why not.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> MustBeValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Custom((value, context) =>
        {
            if (value is null)
            {
                return;
            }

            var email = Email.Create(value);
            if (!email.IsSuccess)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(
                    context.PropertyPath,
                    $"value is not a valid email address: {email.Error.Reason}")
                { ErrorCode = ValidationTypes.ValueError });
            }
        });

    /// <summary>A required field: absent (or <c>null</c>) gives FastAPI's <c>missing</c>.</summary>
    public static IRuleBuilderOptions<T, TProperty> Required<T, TProperty>(this IRuleBuilder<T, TProperty> rule) =>
        rule.NotNull().WithErrorCode(ValidationTypes.Missing).WithMessage(ValidationTypes.MissingMessage);
}
