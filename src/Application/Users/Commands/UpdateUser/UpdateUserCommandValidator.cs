using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Users.Commands.UpdateUser;

public sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        RuleFor(c => c.Email).NotNullWhenSet().MustBeValidEmail();
        Include(new UserFieldsValidator());
    }
}
