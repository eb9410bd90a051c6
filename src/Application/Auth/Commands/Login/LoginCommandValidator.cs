using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Auth.Commands.Login;

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        // An empty form value counts as missing, as in FastAPI's OAuth2 password form. Not NotEmpty(): it also
        // refuses whitespace-only values, and the password policy lets a user register a password of spaces.
        RuleFor(c => c.Username).Must(v => !string.IsNullOrEmpty(v)).WithErrorCode(ValidationTypes.Missing).WithMessage(ValidationTypes.MissingMessage);
        RuleFor(c => c.Password).Must(v => !string.IsNullOrEmpty(v)).WithErrorCode(ValidationTypes.Missing).WithMessage(ValidationTypes.MissingMessage);
    }
}
