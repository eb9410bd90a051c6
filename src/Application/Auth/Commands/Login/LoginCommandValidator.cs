using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Auth.Commands.Login;

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        // An empty form value counts as missing, as in FastAPI's OAuth2 password form.
        RuleFor(c => c.Username).NotEmpty().WithErrorCode(ValidationTypes.Missing).WithMessage(ValidationTypes.MissingMessage);
        RuleFor(c => c.Password).NotEmpty().WithErrorCode(ValidationTypes.Missing).WithMessage(ValidationTypes.MissingMessage);
    }
}
