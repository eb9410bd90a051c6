using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Auth.Commands.RequestToken;

public sealed class RequestTokenCommandValidator : AbstractValidator<RequestTokenCommand>
{
    public RequestTokenCommandValidator()
    {
        RuleFor(c => c.Email).Required().MustBeValidEmail();
        RuleFor(c => c.Purpose).IsInEnum();
    }
}
