using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Application.Abstractions.Security;
using Users.Domain.Users;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Adoption;

/// <summary>
/// Access JWTs that FastAPI Users issued before the switch (<c>{"sub", "aud": ["fastapi-users:auth"], "exp"}</c>, same
/// secret): refused by default, honoured with <c>Auth:AcceptLegacyTokens</c> for adopted users until they expire or
/// the user's stamp changes.
/// </summary>
public abstract class LegacyTokenTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const string AdoptedPassword = "Adopted-Passphrase-77";

    [SkippableFact]
    public async Task LegacyToken_ByDefault_IsRefused()
    {
        var user = await AdoptedUserAsync();

        var response = await WithToken(LegacyToken(user.Id)).GetAsync("/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [SkippableFact]
    public async Task LegacyToken_WhenAccepted_ActsForTheAdoptedUser_OnEveryProtectedRoute()
    {
        var user = await AdoptedUserAsync();
        await using var accepting = Accepting();
        var client = WithToken(accepting, LegacyToken(user.Id));

        var me = await client.GetAsync("/users/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(user.Id.ToString("D"), (await me.JsonAsync()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync("/users/me", Json(new { is_verified = true }))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/auth/jwt/logout", null)).StatusCode);
    }

    [SkippableFact]
    public async Task LegacyToken_WhenAccepted_DiesWithAPasswordChange()
    {
        var user = await AdoptedUserAsync();
        await using var accepting = Accepting();
        var client = WithToken(accepting, LegacyToken(user.Id));
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync("/users/me", Json(new { password = "Changed-Passphrase-88" }))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task LegacyToken_WhenAccepted_DiesWithLogOutEverywhere_FromAnotherSession()
    {
        var user = await AdoptedUserAsync();
        await using var accepting = Accepting();
        var legacy = WithToken(accepting, LegacyToken(user.Id));
        var fresh = WithToken(accepting, await TokenAsync(user.Email, AdoptedPassword));

        Assert.Equal(HttpStatusCode.NoContent, (await fresh.PostAsync("/users/me/logout-all", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await legacy.GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task LegacyToken_WhenAccepted_IsRefused_ForADeactivatedUser()
    {
        var user = await AdoptedUserAsync(active: false);
        await using var accepting = Accepting();

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(accepting, LegacyToken(user.Id)).GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task LegacyToken_WhenAccepted_IsRefused_ForAUserWhoWasNotAdopted()
    {
        var (user, _) = await CreateUserAsync();
        await using var accepting = Accepting();

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(accepting, LegacyToken(user.Id)).GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task LegacyToken_WhenAccepted_IsRefused_Expired_OrSignedWithAnotherSecret_OrWithOnlyAStamp()
    {
        var user = await AdoptedUserAsync();
        await using var accepting = Accepting();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user.Id.ToString("D"),
            ["aud"] = new[] { "fastapi-users:auth" },
            ["exp"] = TestTokens.UnixTime(DateTimeOffset.UtcNow.AddMinutes(-5)),
        };
        var expired = TestTokens.Sign(claims);
        var otherSecret = TestTokens.Sign(new Dictionary<string, object>(claims) { ["exp"] = Later() }, "another-secret-0123456789-abcdefghijklmnopqrstuvwxyz");
        var halfOurs = TestTokens.Sign(new Dictionary<string, object>(claims) { ["exp"] = Later(), ["stamp"] = "x" });

        foreach (var token in new[] { expired, otherSecret, halfOurs })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(accepting, token).GetAsync("/users/me")).StatusCode);
        }
    }

    private WebApplicationFactory<Program> Accepting() => Factory.WithWebHostBuilder(b => b.UseSetting("Auth:AcceptLegacyTokens", "true"));

    private static long Later() => TestTokens.UnixTime(DateTimeOffset.UtcNow.AddMinutes(30));

    // FastAPI Users' JWTStrategy.write_token: exactly these three claims.
    private static string LegacyToken(Guid userId) => TestTokens.Sign(new Dictionary<string, object>
    {
        ["sub"] = userId.ToString("D"),
        ["aud"] = new[] { "fastapi-users:auth" },
        ["exp"] = Later(),
    });

    private async Task<User> AdoptedUserAsync(bool active = true)
    {
        var hash = await Factory.InScopeAsync(sp => sp.GetRequiredService<IPasswordHasher>()
            .HashAsync(AdoptedPassword, CancellationToken.None));
        var user = User.Adopt(Guid.NewGuid(), Email.Create(NewEmail("adopted")).Value, hash, active, isSuperuser: false, isVerified: false, DateTimeOffset.UtcNow);
        await Factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<UsersDbContext>();
            db.Users.Add(user);
            return await db.SaveChangesAsync();
        });
        return user;
    }
}

public sealed class LegacyTokenSqliteTests(SqliteApiFixture fixture) : LegacyTokenTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class LegacyTokenPostgresTests(PostgresApiFixture fixture) : LegacyTokenTests(fixture), IClassFixture<PostgresApiFixture>;
