using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Users.Application.Users;
using Users.Application.Users.Commands.CreateUser;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Base of every HTTP test class: the same tests run once per provider through two small subclasses.
/// Helpers create users the way a client would (register, log in) or through the application command.
/// </summary>
public abstract class ApiTestBase
{
    public const string GoodPassword = "Correct-Horse-Battery-9";

    protected ApiTestBase(ApiFixture fixture)
    {
        fixture.SkipIfUnavailable();
        Fixture = fixture;
    }

    protected ApiFixture Fixture { get; }

    protected UsersApiFactory Factory => Fixture.Factory;

    protected static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    protected HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client of another host of the service (one a test configured apart), carrying <paramref name="token"/>.</summary>
    protected static HttpClient WithToken(WebApplicationFactory<Program> service, string token)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A password login through another host of the service.</summary>
    protected static Task<HttpResponseMessage> LoginAsync(WebApplicationFactory<Program> service, string username, string password) =>
        service.CreateClient().PostAsync("/auth/jwt/login", LoginForm(username, password));

    protected static FormUrlEncodedContent LoginForm(string username, string password = GoodPassword) => ClientCalls.LoginForm(username, password);

    protected Task<HttpResponseMessage> RegisterAsync(string email, string password = GoodPassword) =>
        Anonymous().PostAsJsonAsync("/auth/register", new { email, password });

    protected Task<HttpResponseMessage> LoginAsync(string username, string password = GoodPassword) =>
        Anonymous().PostAsync("/auth/jwt/login", LoginForm(username, password));

    protected async Task<string> TokenAsync(string email, string password = GoodPassword)
    {
        var response = await LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("access_token").GetString()!;
    }

    /// <summary>Creates a user through the application command (flags as asked) and, when active, logs in.</summary>
    protected async Task<(UserRead User, HttpClient Client)> CreateUserAsync(
        bool superuser = false, bool verified = false, bool active = true, string? email = null, string password = GoodPassword)
    {
        email ??= NewEmail(superuser ? "admin" : "user");
        var result = await Factory.InScopeAsync(sp =>
            sp.GetRequiredService<IMediator>().Send(new CreateUserCommand { Email = email, Password = password, IsActive = active, IsSuperuser = superuser, IsVerified = verified }));
        Assert.True(result.IsSuccess, result.Error?.Code);
        var client = active ? WithToken(await TokenAsync(email, password)) : Anonymous();
        return (result.Value, client);
    }

    protected static StringContent Json(string raw, string contentType = "application/json") =>
        new(raw, System.Text.Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType).MediaType!);

    protected static JsonContent Json(object body) => JsonContent.Create(body);
}
