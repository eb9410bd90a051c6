using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Application.Abstractions.Adoption;
using Users.Application.Abstractions.OAuth;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Api.IntegrationTests.Adoption;

public abstract class AdoptionTests(ApiFixture fixture) : AdoptionTestBase(fixture)
{
    // One user per hash format FastAPI Users has written, each with the password the independent tool hashed.
    public static TheoryData<string> Profiles => new()
    {
        "$argon2id$v=19$m=65536,t=3,p=4$", "$argon2id$v=19$m=8192,t=1,p=2$", "$2b$12$", "$2a$05$", "$2y$05$",
    };

    [SkippableFact]
    public async Task Adopt_KeepsIdsAddressesFlagsAndHashes_AndEveryUserLogsInWithTheirPassword_ReHashedThen()
    {
        var deployment = await DeploymentAsync();
        var people = new List<(Guid Id, string Email, PasswordHashVector Vector)>();
        foreach (var profile in Profiles)
        {
            var vector = PasswordHashVectors.Starting(profile).First();
            var person = (Guid.NewGuid(), UniqueEmail("Person"), vector);
            people.Add(person);
            await deployment.AddUserAsync(person.Item1, person.Item2, vector.Hash, verified: true);
        }

        var admin = Guid.NewGuid();
        var adminVector = PasswordHashVectors.Starting("$2b$04$").First();
        await deployment.AddUserAsync(admin, UniqueEmail("admin"), adminVector.Hash, superuser: true);
        var inactive = Guid.NewGuid();
        await deployment.AddUserAsync(inactive, UniqueEmail("gone"), adminVector.Hash, active: false);

        var summary = await AdoptAsync(deployment);

        Assert.Equal(new(7, 7, 0, 0), summary.Users);
        Assert.Empty(summary.Problems);
        foreach (var (id, email, vector) in people)
        {
            var stored = await StoredUserAsync(id);
            Assert.NotNull(stored);
            Assert.Equal((email, vector.Hash, true, false, true), (stored.Email, stored.HashedPassword, stored.IsActive, stored.IsSuperuser, stored.IsVerified));
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, vector.Password)).StatusCode);
            Assert.StartsWith("$argon2id$v=19$m=64,t=1,p=1$", (await StoredUserAsync(id))!.HashedPassword, StringComparison.Ordinal);
        }

        var adminEmail = (await StoredUserAsync(admin))!.Email;
        Assert.Equal(HttpStatusCode.OK, (await WithToken(await TokenAsync(adminEmail, adminVector.Password)).GetAsync("/users")).StatusCode);
        await (await LoginAsync((await StoredUserAsync(inactive))!.Email, adminVector.Password)).AssertProblemAsync(HttpStatusCode.BadRequest, "LOGIN_BAD_CREDENTIALS");
    }

    [SkippableFact]
    public async Task Adopt_RunTwice_TheSecondRunChangesNothing()
    {
        var deployment = await DeploymentAsync();
        var (id, vector) = (Guid.NewGuid(), PasswordHashVectors.Starting("$2b$04$").First());
        await deployment.AddUserAsync(id, UniqueEmail("twice"), vector.Hash);
        await deployment.AddOAuthAccountAsync(Guid.NewGuid(), id, "github", Guid.NewGuid().ToString("N"), UniqueEmail("gh"), "gho_token");
        await deployment.AddAccessTokenAsync(Token(), id, DateTimeOffset.UtcNow.AddMinutes(-5));
        var first = await AdoptAsync(deployment);
        Assert.Equal((1, 1, 1), (first.Users.Imported, first.OAuthAccounts.Imported, first.AccessTokens.Imported));
        var before = await SnapshotOfOursAsync(id);

        var second = await AdoptAsync(deployment);

        Assert.Equal(new(1, 0, 1, 0), second.Users);
        Assert.Equal(new(1, 0, 1, 0), second.OAuthAccounts);
        Assert.Equal(new(1, 0, 1, 0), second.AccessTokens);
        Assert.Empty(second.Problems);
        Assert.Equal(before, await SnapshotOfOursAsync(id));
    }

    [SkippableFact]
    public async Task Adopt_DryRun_ReportsWhatItWouldDo_AndWritesNothing()
    {
        var deployment = await DeploymentAsync();
        var id = Guid.NewGuid();
        await deployment.AddUserAsync(id, UniqueEmail("dry"), PasswordHashVectors.Starting("$2b$04$").First().Hash);
        await deployment.AddAccessTokenAsync(Token(), id, DateTimeOffset.UtcNow);

        var summary = await AdoptAsync(deployment, dryRun: true);

        Assert.True(summary.DryRun);
        Assert.Equal(new(1, 1, 0, 0), summary.Users);
        Assert.Equal(1, summary.AccessTokens.Imported);
        Assert.Null(await StoredUserAsync(id));
        Assert.Equal(0, await InDatabaseAsync(db => db.Sessions.CountAsync(s => s.UserId == id)));
    }

    [SkippableFact]
    public async Task Adopt_AddressesThatCollideOnceNormalised_AreAllReported_AndNoneIsMergedOrDroppedSilently()
    {
        var deployment = await DeploymentAsync();
        var local = $"Ann-{Guid.NewGuid():N}";
        var (upper, lower, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var hash = PasswordHashVectors.Starting("$2b$04$").First().Hash;
        await deployment.AddUserAsync(upper, $"{local}@Example.com", hash);
        await deployment.AddUserAsync(lower, $"{local.ToLowerInvariant()}@example.com", hash);
        await deployment.AddUserAsync(other, UniqueEmail("bob"), hash);

        var summary = await AdoptAsync(deployment);

        Assert.Equal(new(3, 1, 0, 2), summary.Users);
        Assert.True(summary.SkippedAny);
        var collisions = summary.Problems.Where(p => p.Reason == "email_collision").ToList();
        Assert.Equal(
            new[] { upper, lower }.Select(i => i.ToString("D")).Order(StringComparer.Ordinal),
            collisions.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.All(collisions, p => Assert.Equal("users", p.Table));
        Assert.Contains(lower.ToString("D"), collisions.Single(p => p.Id == upper.ToString("D")).Detail, StringComparison.Ordinal);
        Assert.Null(await StoredUserAsync(upper));
        Assert.Null(await StoredUserAsync(lower));
        Assert.NotNull(await StoredUserAsync(other));
    }

    [SkippableFact]
    public async Task Adopt_AnAddressAlreadyRegisteredHere_IsSkippedAndReported()
    {
        var (existing, _) = await CreateUserAsync();
        var deployment = await DeploymentAsync();
        var id = Guid.NewGuid();
        await deployment.AddUserAsync(id, existing.Email.ToUpperInvariant(), PasswordHashVectors.Starting("$2b$04$").First().Hash);

        var summary = await AdoptAsync(deployment);

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(("users", id.ToString("D"), "email_taken"), (problem.Table, problem.Id, problem.Reason));
        Assert.Null(await StoredUserAsync(id));
    }

    [SkippableFact]
    public async Task Adopt_ProviderAccounts_KeepTheirIds_WithTokensEncrypted_AndDuplicatesResolvedByTheDocumentedRule()
    {
        var deployment = await DeploymentAsync();
        var hash = PasswordHashVectors.Starting("$2b$04$").First().Hash;
        var (ann, bob) = (Guid.NewGuid(), Guid.NewGuid());
        await deployment.AddUserAsync(ann, UniqueEmail("ann"), hash);
        await deployment.AddUserAsync(bob, UniqueEmail("bob"), hash);
        var accountId = Guid.NewGuid().ToString("N");
        var (older, newer, plain) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await deployment.AddOAuthAccountAsync(older, ann, "github", accountId, UniqueEmail("gh"), "gho_older", expiresAt: 1_900_000_000);
        await deployment.AddOAuthAccountAsync(newer, bob, "github", accountId, UniqueEmail("gh"), "gho_newer", expiresAt: 1_900_000_500, refreshToken: "ghr_refresh");
        await deployment.AddOAuthAccountAsync(plain, ann, "google", Guid.NewGuid().ToString("N"), UniqueEmail("g"), "ya29.plain");

        var summary = await AdoptAsync(deployment);

        Assert.Equal(new(3, 2, 0, 1), summary.OAuthAccounts);
        var duplicate = Assert.Single(summary.Problems);
        Assert.Equal(("oauth_accounts", older.ToString("D"), "duplicate_provider_account"), (duplicate.Table, duplicate.Id, duplicate.Reason));
        Assert.Contains(newer.ToString("D"), duplicate.Detail, StringComparison.Ordinal);
        var kept = await InDatabaseAsync(db => db.Set<OAuthAccount>().AsNoTracking().SingleAsync(a => a.Id == newer));
        Assert.Equal((bob, "github", accountId, DateTimeOffset.FromUnixTimeSeconds(1_900_000_500)), (kept.UserId, kept.OAuthName, kept.AccountId, kept.ExpiresAt));
        Assert.DoesNotContain("gho_newer", kept.AccessToken, StringComparison.Ordinal);
        Assert.DoesNotContain("ghr_refresh", kept.RefreshToken!, StringComparison.Ordinal);
        var clear = Factory.Services.GetRequiredService<IProviderTokenProtector>().Unprotect(new ProviderTokens(kept.AccessToken, kept.ExpiresAt, kept.RefreshToken));
        Assert.Equal(("gho_newer", "ghr_refresh"), (clear.AccessToken, clear.RefreshToken));
    }

    [SkippableFact]
    public async Task Adopt_LiveDatabaseTokens_KeepWorking_StoredHashed_AndExpiredOnesAreLeftBehind()
    {
        var deployment = await DeploymentAsync();
        var id = Guid.NewGuid();
        await deployment.AddUserAsync(id, UniqueEmail("token"), PasswordHashVectors.Starting("$2b$04$").First().Hash);
        var (live, expired) = (Token(), Token());
        await deployment.AddAccessTokenAsync(live, id, DateTimeOffset.UtcNow.AddMinutes(-10));
        await deployment.AddAccessTokenAsync(expired, id, DateTimeOffset.UtcNow.AddHours(-2)); // past the 3600 s lifetime

        var summary = await AdoptAsync(deployment);

        Assert.Equal(new(2, 1, 0, 0, Expired: 1), summary.AccessTokens);
        Assert.Empty(summary.Problems);
        var cookie = Anonymous();
        cookie.DefaultRequestHeaders.Add("Cookie", $"fastapiusersauth={live}");
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/users/me")).StatusCode);
        var stale = Anonymous();
        stale.DefaultRequestHeaders.Add("Cookie", $"fastapiusersauth={expired}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/users/me")).StatusCode);
        var hashes = await InDatabaseAsync(db => db.AccessTokens.AsNoTracking().Where(t => t.UserId == id).Select(t => t.TokenHash).ToListAsync());
        Assert.DoesNotContain(live, Assert.Single(hashes), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Adopt_CustomColumns_ThatMatchAFieldOfOurs_AreCarried_AndTheOthersReported()
    {
        var deployment = await DeploymentAsync();
        var id = Guid.NewGuid();
        var joined = new DateTimeOffset(2024, 3, 1, 12, 30, 0, TimeSpan.Zero);
        await deployment.AddUserAsync(id, UniqueEmail("custom"), PasswordHashVectors.Starting("$2b$04$").First().Hash, firstName: "Ann", createdAt: joined);

        var summary = await AdoptAsync(deployment);

        Assert.Equal(["created_at"], summary.CarriedColumns);
        Assert.Equal(["first_name"], summary.UncarriedColumns);
        Assert.Equal(joined, (await StoredUserAsync(id))!.CreatedAt);
    }

    [SkippableFact]
    public async Task Adopt_InterruptedWhileWriting_LeavesNothing_AndTheNextRunDoesTheWholeWork()
    {
        var deployment = await DeploymentAsync();
        await deployment.AddBulkUsersAsync(2500, PasswordHashVectors.Starting("$2b$04$").First().Hash);
        using var interrupt = new CancellationTokenSource();
        var progress = new CancelOnPhase("writing users", interrupt);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AdoptAsync(deployment, progress: progress, cancellationToken: interrupt.Token));

        Assert.Equal(0, await InDatabaseAsync(db => db.Users.CountAsync(u => u.Email.StartsWith("bulk"))));
        var summary = await AdoptAsync(deployment);
        Assert.Equal(new(2500, 2500, 0, 0), summary.Users);
        Assert.Equal(2500, await InDatabaseAsync(db => db.Users.CountAsync(u => u.Email.StartsWith("bulk"))));
    }

    [SkippableFact]
    public async Task Adopt_FromTablesInOurOwnDatabase_Works()
    {
        Fixture.SkipIfUnavailable();
        var deployment = await DeploymentAsync(Factory.ConnectionString); // "user" beside our "users", one database
        var (id, vector) = (Guid.NewGuid(), PasswordHashVectors.Starting("$argon2id$v=19$m=8192,t=1,p=2$").First());
        var email = UniqueEmail("same-db");
        await deployment.AddUserAsync(id, email, vector.Hash);

        var summary = await AdoptAsync(deployment);

        Assert.Equal(1, summary.Users.Imported);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, vector.Password)).StatusCode);
    }

    private async Task<string> SnapshotOfOursAsync(Guid userId) => await InDatabaseAsync(async db =>
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        var accounts = await db.Set<OAuthAccount>().AsNoTracking().Where(a => a.UserId == userId).Select(a => a.Id + a.AccessToken).ToListAsync();
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).Select(t => t.TokenHash + t.SessionId).ToListAsync();
        var sessions = await db.Sessions.AsNoTracking().CountAsync(s => s.UserId == userId);
        return string.Join('|', user.HashedPassword, user.SecurityStamp, user.UpdatedAt, string.Join(',', accounts), string.Join(',', tokens), sessions);
    });

    private static string Token() => Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())
        .TrimEnd('=').Replace('+', '-').Replace('/', '_')[..43];

    // Cancels the run at its first report of the given phase, as an operator's Ctrl+C or a killed process would stop it.
    private sealed class CancelOnPhase(string phase, CancellationTokenSource interrupt) : IProgress<AdoptionProgress>
    {
        public void Report(AdoptionProgress value)
        {
            if (value.Phase == phase)
            {
                interrupt.Cancel();
            }
        }
    }
}

public sealed class AdoptionSqliteTests(SqliteApiFixture fixture) : AdoptionTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class AdoptionPostgresTests(PostgresApiFixture fixture) : AdoptionTests(fixture), IClassFixture<PostgresApiFixture>;
