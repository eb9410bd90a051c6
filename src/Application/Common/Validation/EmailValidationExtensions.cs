using FluentValidation;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Common.Validation;

public static class EmailValidationExtensions
{
    /// <summary>The field must be an address <see cref="Email.Create"/> accepts; the message says why not.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> MustBeValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Custom(CheckEmail);

    internal static void CheckEmail<T>(string? value, ValidationContext<T> context)
    {
        if (value is null)
        {
            return;
        }

        var email = Email.Create(value);
        if (!email.IsSuccess)
        {
            context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, Message(email.Error))
            {
                ErrorCode = ValidationTypes.ValueError,
            });
        }
    }

    /// <summary>
    /// The failure for an address <see cref="Email.Create"/> refused, as a request-validation error on the body's
    /// <c>email</c> (for services that parse addresses themselves, outside the validation pipeline).
    /// </summary>
    public static ValidationError AsEmailValidationError(this Error error) =>
        ValidationError.For("body", "email", ValidationTypes.ValueError, Message(error));

    private static string Message(Error error) => $"value is not a valid email address: {error.Reason}";

    /// <summary>A required field: absent (or <c>null</c>) gives FastAPI's <c>missing</c>.</summary>
    public static IRuleBuilderOptions<T, TProperty> Required<T, TProperty>(this IRuleBuilder<T, TProperty> rule) =>
        rule.NotNull().WithErrorCode(ValidationTypes.Missing).WithMessage(ValidationTypes.MissingMessage);
}
