namespace Users.Api.Endpoints;

/// <summary>Path ids: lower- or upper-case, with or without hyphens. Anything else is an unknown user (404), not a 422.</summary>
public static class UserIds
{
    public static bool TryParse(string? value, out Guid id) =>
        Guid.TryParseExact(value, "D", out id) || Guid.TryParseExact(value, "N", out id);
}
