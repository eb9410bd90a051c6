using System.Net;
using System.Text.Json;

namespace Users.Api.IntegrationTests.Infrastructure;

public static class HttpAssertions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the contract's error body: status, problem+json, and <c>detail</c> equal to <paramref name="detail"/>.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var body = await response.AssertProblemAsync(status);
        Assert.Equal(JsonValueKind.String, body.GetProperty("detail").ValueKind);
        Assert.Equal(detail, body.GetProperty("detail").GetString());
        return body;
    }

    /// <summary>Asserts the contract's error body shape for <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("type").GetString()));
        Assert.True(body.TryGetProperty("traceId", out _));
        return body;
    }

    /// <summary>Asserts a password-policy rejection: <c>detail = {"code": code, "reason": "..."}</c>.</summary>
    public static async Task AssertPasswordProblemAsync(this HttpResponseMessage response, string code)
    {
        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var detail = body.GetProperty("detail");
        Assert.Equal(code, detail.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(detail.GetProperty("reason").GetString()));
    }

    /// <summary>Asserts a 422 whose <c>detail</c> list has an item of <paramref name="type"/> at <paramref name="loc"/>.</summary>
    public static async Task<JsonElement> AssertValidationAsync(this HttpResponseMessage response, string type, params string[] loc)
    {
        var body = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var items = body.GetProperty("detail").EnumerateArray().ToList();
        Assert.Contains(items, item =>
            item.GetProperty("type").GetString() == type
            && item.GetProperty("loc").EnumerateArray().Select(e => e.ToString()).SequenceEqual(loc)
            && !string.IsNullOrEmpty(item.GetProperty("msg").GetString()));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("errors").ValueKind);
        Assert.True(body.GetProperty("errors").TryGetProperty(loc[^1], out var messages));
        Assert.NotEqual(0, messages.GetArrayLength());
        return body;
    }

    /// <summary>Asserts a <c>UserRead</c>: exactly the contract's members.</summary>
    public static void AssertUserRead(JsonElement user, string email, bool active = true, bool superuser = false, bool verified = false)
    {
        var names = user.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["email", "id", "is_active", "is_superuser", "is_verified"], names);
        Assert.True(Guid.TryParseExact(user.GetProperty("id").GetString(), "D", out _));
        Assert.Equal(user.GetProperty("id").GetString(), user.GetProperty("id").GetString()!.ToLowerInvariant());
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal(active, user.GetProperty("is_active").GetBoolean());
        Assert.Equal(superuser, user.GetProperty("is_superuser").GetBoolean());
        Assert.Equal(verified, user.GetProperty("is_verified").GetBoolean());
    }
}
