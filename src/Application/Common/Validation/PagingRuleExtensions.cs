using FluentValidation;

namespace Users.Application.Common.Validation;

/// <summary>The rules every keyset-paginated list shares: <c>limit</c> within bounds, <c>cursor</c> one this service issued.</summary>
public static class PagingRuleExtensions
{
    public static IRuleBuilderOptions<T, int?> ValidPageLimit<T>(this IRuleBuilder<T, int?> rule, int max) =>
        rule.InclusiveBetween(1, max).WithErrorCode(ValidationTypes.ValueError).WithMessage($"limit must be between 1 and {max}");

    public static IRuleBuilderOptions<T, string?> ValidCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || KeysetCursor.TryDecode(c, out _))
            .WithErrorCode(ValidationTypes.ValueError)
            .WithMessage("cursor is not a next_cursor value this service issued");
}
