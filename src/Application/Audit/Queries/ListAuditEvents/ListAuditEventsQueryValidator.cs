using FluentValidation;
using Users.Application.Common;
using Users.Application.Common.Validation;

namespace Users.Application.Audit.Queries.ListAuditEvents;

public sealed class ListAuditEventsQueryValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsQueryValidator()
    {
        RuleFor(q => q.Limit)
            .InclusiveBetween(1, ListAuditEventsQuery.MaxLimit)
            .WithErrorCode(ValidationTypes.ValueError)
            .WithMessage($"limit must be between 1 and {ListAuditEventsQuery.MaxLimit}");
        RuleFor(q => q.Cursor)
            .Must(c => c is null || KeysetCursor.TryDecode(c, out _))
            .WithErrorCode(ValidationTypes.ValueError)
            .WithMessage("cursor is not a next_cursor value this service issued");
    }
}
