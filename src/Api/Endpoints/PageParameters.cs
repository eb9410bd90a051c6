using System.Globalization;
using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Api.Endpoints;

/// <summary>The keyset paging members of a query string (<c>limit</c>, <c>cursor</c>), with FastAPI-style failures for values that do not parse.</summary>
public static class PageParameters
{
    public static (int? Limit, string? Cursor) Bind(IQueryCollection query, List<FieldFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(failures);
        int? limit = null;
        if (query.TryGetValue("limit", out var limitText))
        {
            if (int.TryParse(limitText[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                limit = parsed;
            }
            else
            {
                failures.Add(new FieldFailure(["query", "limit"], ValidationTypes.IntParsing,
                    "Input should be a valid integer, unable to parse string as an integer"));
            }
        }

        var cursor = query.TryGetValue("cursor", out var c) ? c[0] : null;
        return (limit, string.IsNullOrEmpty(cursor) ? null : cursor);
    }
}
