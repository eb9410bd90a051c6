using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Auth.Commands.Refresh;

public sealed class RefreshCommandValidator : AbstractValidator<RefreshCommand>
{
    public RefreshCommandValidator() =>
        RuleFor(c => c.RefreshToken).Must(v => !string.IsNullOrEmpty(v)).WithErrorCode(ValidationTypes.Missing).WithMessage(ValidationTypes.MissingMessage);
}
