namespace Users.Application.Abstractions.Adoption;

/// <summary>Where an existing FastAPI Users deployment's tables are, as the <c>adopt-fastapi-users</c> command names them.</summary>
public sealed record FastApiUsersSource(string ConnectionString, string Provider, string UserTable, string OAuthTable, string TokenTable)
{
    public const string PostgresProvider = "Postgres";
    public const string SqliteProvider = "Sqlite";

    public const string DefaultUserTable = "user";
    public const string DefaultOAuthTable = "oauth_account";
    public const string DefaultTokenTable = "accesstoken";
}
