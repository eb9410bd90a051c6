using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Users.Commands.RegisterUser;

public sealed class RegisterUserCommandValidator : AbstractValidator<RegisterUserCommand>
{
    public RegisterUserCommandValidator()
    {
        RuleFor(c => c.Email).Required().MustBeValidEmail();
        RuleFor(c => c.Password).Required();
    }
}
