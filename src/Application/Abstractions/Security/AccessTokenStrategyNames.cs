namespace Users.Application.Abstractions.Security;

public static class AccessTokenStrategyNames
{
    public const string Jwt = "jwt";
    public const string Database = "database";

    /// <summary>Tokens kept in Redis (FastAPI Users' <c>RedisStrategy</c>); only with <c>Redis:Configuration</c>.</summary>
    public const string Redis = "redis";
}
