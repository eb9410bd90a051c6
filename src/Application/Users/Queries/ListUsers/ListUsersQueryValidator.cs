using FluentValidation;
using Users.Application.Common;
using Users.Application.Common.Validation;

namespace Users.Application.Users.Queries.ListUsers;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Limit)
            .InclusiveBetween(1, ListUsersQuery.MaxLimit)
            .WithErrorCode(ValidationTypes.ValueError)
            .WithMessage($"limit must be between 1 and {ListUsersQuery.MaxLimit}");
        RuleFor(q => q.Cursor)
            .Must(c => c is null || KeysetCursor.TryDecode(c, out _))
            .WithErrorCode(ValidationTypes.ValueError)
            .WithMessage("cursor is not a next_cursor value this service issued");
        RuleFor(q => q.Email)
            .MaximumLength(Domain.Users.Email.MaxLength)
            .WithErrorCode(ValidationTypes.ValueError)
            .WithMessage($"email prefix must be at most {Domain.Users.Email.MaxLength} characters");
    }
}
