using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Auth.Commands.RequestVerifyToken;

public sealed class RequestVerifyTokenCommandValidator : AbstractValidator<RequestVerifyTokenCommand>
{
    public RequestVerifyTokenCommandValidator() => RuleFor(c => c.Email).Required().MustBeValidEmail();
}
