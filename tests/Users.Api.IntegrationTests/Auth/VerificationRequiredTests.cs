using System.Net;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Auth;

/// <summary>With <c>Auth:RequireVerification</c> on: unverified users cannot log in or use protected routes.</summary>
public abstract class VerificationRequiredTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task Login_OfUnverifiedUserWithCorrectPassword_Returns400NotVerified()
    {
        var email = NewEmail();
        await RegisterAsync(email);

        var response = await LoginAsync(email);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_USER_NOT_VERIFIED");
    }

    [SkippableFact]
    public async Task Login_OfUnverifiedUserWithWrongPassword_Returns400BadCredentials()
    {
        var email = NewEmail();
        await RegisterAsync(email);

        var response = await LoginAsync(email, "Wrong-Password-123");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    [SkippableFact]
    public async Task Login_OfVerifiedUser_Returns200()
    {
        var (_, client) = await CreateUserAsync(verified: true);

        var response = await client.GetAsync("/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task ProtectedRoute_WithTokenOfUserWhoBecameUnverified_Returns403()
    {
        var (user, client) = await CreateUserAsync(verified: true);
        var (_, admin) = await CreateUserAsync(superuser: true, verified: true);
        var unverify = await admin.PatchAsync($"/users/{user.Id}", Json(new { is_verified = false }));
        Assert.Equal(HttpStatusCode.OK, unverify.StatusCode);

        var response = await client.GetAsync("/users/me");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
    }
}

public sealed class VerificationRequiredSqliteTests(SqliteVerificationRequiredFixture fixture)
    : VerificationRequiredTests(fixture), IClassFixture<SqliteVerificationRequiredFixture>;

public sealed class VerificationRequiredPostgresTests(PostgresVerificationRequiredFixture fixture)
    : VerificationRequiredTests(fixture), IClassFixture<PostgresVerificationRequiredFixture>;
