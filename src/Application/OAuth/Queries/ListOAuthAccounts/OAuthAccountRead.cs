using System.Text.Json.Serialization;

namespace Users.Application.OAuth.Queries.ListOAuthAccounts;

/// <summary>A linked provider account as its user sees it: never its tokens.</summary>
public sealed record OAuthAccountRead
{
    public required Guid Id { get; init; }

    // Named as FastAPI Users' column is; a snake_case policy would write "o_auth_name".
    [JsonPropertyName("oauth_name")]
    public required string OAuthName { get; init; }

    public required string AccountId { get; init; }

    public required string AccountEmail { get; init; }
}
