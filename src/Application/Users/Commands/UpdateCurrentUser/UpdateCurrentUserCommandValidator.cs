using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Users.Commands.UpdateCurrentUser;

public sealed class UpdateCurrentUserCommandValidator : AbstractValidator<UpdateCurrentUserCommand>
{
    public UpdateCurrentUserCommandValidator() => RuleFor(c => c.Email).MustBeValidEmail();
}
