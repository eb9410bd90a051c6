using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Audit.Queries.ListAuditEvents;

public sealed class ListAuditEventsQueryValidator : AbstractValidator<ListAuditEventsQuery>
{
    public ListAuditEventsQueryValidator()
    {
        RuleFor(q => q.Limit).ValidPageLimit(ListAuditEventsQuery.MaxLimit);
        RuleFor(q => q.Cursor).ValidCursor();
    }
}
