using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Users.Commands.CreateUser;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Email).Required().MustBeValidEmail();
        RuleFor(c => c.Password).Required();
        Include(new UserFieldsValidator());
    }
}
