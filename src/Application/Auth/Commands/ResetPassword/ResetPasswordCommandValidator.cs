using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Auth.Commands.ResetPassword;

public sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator()
    {
        RuleFor(c => c.Token).Required();
        RuleFor(c => c.Password).Required();
    }
}
