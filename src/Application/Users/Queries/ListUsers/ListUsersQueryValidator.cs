using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Users.Queries.ListUsers;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Limit).ValidPageLimit(ListUsersQuery.MaxLimit);
        RuleFor(q => q.Cursor).ValidCursor();
        RuleFor(q => q.Email)
            .MaximumLength(Domain.Users.Email.MaxLength)
            .WithErrorCode(ValidationTypes.ValueError)
            .WithMessage($"email prefix must be at most {Domain.Users.Email.MaxLength} characters");
    }
}
