namespace Users.Application.Abstractions.Security;

public static class AccessTokenStrategyNames
{
    public const string Jwt = "jwt";
    public const string Database = "database";
}
