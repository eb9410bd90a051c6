using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The calls tests make through any client of the service (a test host's, or a <see cref="ServiceProcess"/>'s):
/// registration, password login over the JWT backend, and a request carrying a bearer token.
/// </summary>
public static class ClientCalls
{
    public static FormUrlEncodedContent LoginForm(string username, string password = ApiTestBase.GoodPassword) => new(new Dictionary<string, string>
    {
        ["username"] = username,
        ["password"] = password,
    });

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string password = ApiTestBase.GoodPassword) =>
        client.PostAsJsonAsync("/auth/register", new { email, password });

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password = ApiTestBase.GoodPassword) =>
        client.PostAsync("/auth/jwt/login", LoginForm(email, password));

    /// <summary>A login that must succeed: its body (<c>access_token</c>, <c>refresh_token</c>, ...).</summary>
    public static async Task<JsonElement> LoginBodyAsync(this HttpClient client, string email, string password = ApiTestBase.GoodPassword)
    {
        var response = await client.LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>A login that must succeed: its access token.</summary>
    public static async Task<string> TokenAsync(this HttpClient client, string email, string password = ApiTestBase.GoodPassword) =>
        (await client.LoginBodyAsync(email, password)).GetProperty("access_token").GetString()!;

    /// <summary>A request with <paramref name="bearer"/> as its token and <paramref name="body"/>, if any, as JSON.</summary>
    public static async Task<HttpResponseMessage> SendWithTokenAsync(this HttpClient client, HttpMethod method, string path, string bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await client.SendAsync(request);
    }
}
