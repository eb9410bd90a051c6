namespace Users.Application.Users.EventHandlers;

/// <summary>The links mailed to users: the configured base address and path, with the token as the <c>token</c> query parameter.</summary>
internal static class EmailLink
{
    public static string Build(string publicBaseUrl, string path, string token) =>
        $"{publicBaseUrl.TrimEnd('/')}{path}?token={Uri.EscapeDataString(token)}";
}
