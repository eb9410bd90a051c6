using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Auth.Commands.ForgotPassword;

public sealed class ForgotPasswordCommandValidator : AbstractValidator<ForgotPasswordCommand>
{
    public ForgotPasswordCommandValidator() => RuleFor(c => c.Email).Required().MustBeValidEmail();
}
