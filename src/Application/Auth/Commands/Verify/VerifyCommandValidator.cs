using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Auth.Commands.Verify;

public sealed class VerifyCommandValidator : AbstractValidator<VerifyCommand>
{
    public VerifyCommandValidator() => RuleFor(c => c.Token).Required();
}
