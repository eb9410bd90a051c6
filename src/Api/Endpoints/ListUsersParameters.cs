using Users.Application.Users.Queries.ListUsers;
using Users.Domain.Common;

namespace Users.Api.Endpoints;

/// <summary>Binds <c>GET /users</c>'s query string, answering FastAPI-style failures for values that do not parse.</summary>
public static class ListUsersParameters
{
    private static readonly string[] TrueWords = ["true", "1", "yes", "on", "t", "y"];
    private static readonly string[] FalseWords = ["false", "0", "no", "off", "f", "n"];

    public static (ListUsersQuery Query, List<FieldFailure> Failures) Bind(IQueryCollection query)
    {
        var failures = new List<FieldFailure>();
        var (limit, cursor) = PageParameters.Bind(query, failures);

        bool? isActive = null;
        if (query.TryGetValue("is_active", out var activeText))
        {
            var word = activeText[0]?.Trim().ToLowerInvariant();
            isActive = TrueWords.Contains(word) ? true : FalseWords.Contains(word) ? false : null;
            if (isActive is null)
            {
                failures.Add(new FieldFailure(["query", "is_active"], "bool_parsing",
                    "Input should be a valid boolean, unable to interpret input"));
            }
        }

        var email = query.TryGetValue("email", out var e) ? e[0] : null;
        return (new ListUsersQuery(limit, cursor, email, isActive), failures);
    }
}
