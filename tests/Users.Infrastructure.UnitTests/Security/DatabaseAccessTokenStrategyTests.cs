using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Users.Application.Common.Events;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;
using Users.Infrastructure.UnitTests.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security;

public sealed class DatabaseAccessTokenStrategyTests : SqliteDatabaseTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly User _user = new UserBuilder().WithEmail("holder@example.com").Build();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SaveAsync(_user);
    }

    [Fact]
    public async Task Name_IsDatabase()
    {
        await using var db = Database.CreateContext();

        Assert.Equal("database", Create(db).Name);
    }

    [Fact]
    public async Task Issue_Returns43UrlSafeCharacters_AndOnlyStagesTheRow()
    {
        await using var db = Database.CreateContext();

        var token = await IssueInAsync(db, _user);
        var other = await IssueInAsync(db, _user);

        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.NotEqual(token, other);
        Assert.Equal(2, db.ChangeTracker.Entries<AccessTokenRecord>().Count(e => e.State == EntityState.Added));
        Assert.Equal(0, await CountRowsAsync());
    }

    [Fact]
    public async Task Issue_ThenCommit_StoresOnlyTheSha256OfTheToken_WithStampAndTimes()
    {
        string token;
        await using (var db = Database.CreateContext())
        {
            token = await IssueInAsync(db, _user);
            await db.SaveChangesAsync();
        }

        var row = Assert.Single(await ReadRawRowsAsync());
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Assert.Equal(expectedHash, row["token_hash"]);
        Assert.Equal(_user.SecurityStamp, row["security_stamp"]);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), row["created_at"]);
        Assert.Equal(_time.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds(), row["expires_at"]);
        Assert.Equal(_user.Id, Guid.Parse((string)row["user_id"]!));
        Assert.DoesNotContain(row.Values, value => value?.ToString()?.Contains(token, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Issue_BelongsToTheSession_AndSaysWhenItExpires()
    {
        await using var db = Database.CreateContext();
        var session = Session.Start(_user, "cookie", SessionClient.Unknown, _time.GetUtcNow());
        db.Sessions.Add(session);

        var issued = await Create(db, lifetimeSeconds: 600).IssueAsync(_user, session, CancellationToken.None);
        await db.SaveChangesAsync();

        Assert.Equal((600, _time.GetUtcNow().AddSeconds(600)), (issued.ExpiresInSeconds, issued.UsableUntil));
        Assert.Equal(session.Id, (await ReadAsync(issued.Value))?.SessionId);
    }

    [Fact]
    public async Task EndingTheSession_DeletesItsTokens_InTheDatabase()
    {
        var token = await IssueAndCommitAsync();
        var kept = await IssueAndCommitAsync();
        await using (var db = Database.CreateContext())
        {
            var sessionId = (await ReadAsync(token))!.SessionId;
            await db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync();
        }

        Assert.Null(await ReadAsync(token));
        Assert.NotNull(await ReadAsync(kept));
    }

    [Fact]
    public async Task Issue_ThenCommit_ThenRead_GivesTheUserAndTheStampAtIssue()
    {
        var token = await IssueAndCommitAsync();

        await using var db = Database.CreateContext();
        var claims = await Create(db).ReadAsync(token, CancellationToken.None);

        Assert.NotNull(claims);
        Assert.Equal(_user.Id, claims.UserId);
        Assert.Equal(_user.SecurityStamp, claims.SecurityStamp);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task Read_UsesTheConfiguredLifetime_AndRefusesTheTokenFromItsExpiryOn()
    {
        var token = await IssueAndCommitAsync(lifetimeSeconds: 60);

        _time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await ReadAsync(token));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await ReadAsync(token));

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Null(await ReadAsync(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")]
    [InlineData("\u0000\u0001")]
    public async Task Read_OfGarbageOrUnknownTokens_IsNull(string token)
    {
        await IssueAndCommitAsync();

        Assert.Null(await ReadAsync(token));
    }

    [Fact]
    public async Task Read_OfNullOrAnAlteredToken_IsNull()
    {
        var token = await IssueAndCommitAsync();

        Assert.Null(await ReadAsync(null!));
        Assert.Null(await ReadAsync(token + "A"));
        Assert.Null(await ReadAsync(token[..^1]));
        Assert.Null(await ReadAsync(string.Concat(token.Select(c => char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)))));
        Assert.Null(await ReadAsync(new string('a', 1_000_000)));
    }

    [Fact]
    public async Task Read_OfTheHashInsteadOfTheToken_IsNull()
    {
        var token = await IssueAndCommitAsync();

        Assert.Null(await ReadAsync(OpaqueTokens.Hash(token)));
    }

    [Fact]
    public async Task Revoke_ThenCommit_DeletesOnlyThatRow()
    {
        var token = await IssueAndCommitAsync();
        var kept = await IssueAndCommitAsync();

        await using (var db = Database.CreateContext())
        {
            await Create(db).RevokeAsync(token, CancellationToken.None);
            Assert.Equal(2, await CountRowsAsync()); // only staged so far
            await db.SaveChangesAsync();
        }

        Assert.Null(await ReadAsync(token));
        Assert.NotNull(await ReadAsync(kept));
        Assert.Equal(1, await CountRowsAsync());
    }

    [Fact]
    public async Task Revoke_OfATokenIssuedInTheSameScope_CancelsItsInsert()
    {
        await using var db = Database.CreateContext();
        var strategy = Create(db);
        var token = await IssueInAsync(db, _user, strategy);

        await strategy.RevokeAsync(token, CancellationToken.None);
        await db.SaveChangesAsync();

        Assert.Equal(0, await CountRowsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Revoke_OfGarbageOrUnknownTokens_StagesNothing(string token)
    {
        await IssueAndCommitAsync();
        await using var db = Database.CreateContext();

        await Create(db).RevokeAsync(token, CancellationToken.None);

        Assert.DoesNotContain(db.ChangeTracker.Entries(), e => e.State != EntityState.Unchanged);
        await db.SaveChangesAsync();
        Assert.Equal(1, await CountRowsAsync());
    }

    [Fact]
    public async Task Revoke_WhenAnotherRequestDeletedTheRowMeanwhile_StillCommitsTheRestOfTheUnitOfWork()
    {
        var token = await IssueAndCommitAsync();
        await using var db = Database.CreateContext();
        await Create(db).RevokeAsync(token, CancellationToken.None);
        var user = (await new UserRepository(db).GetByIdAsync(_user.Id, CancellationToken.None))!;
        user.RecordLogin(UserBuilder.DefaultCreatedAt.AddMinutes(1));

        // A concurrent logout of the same token commits first.
        await using (var other = Database.CreateContext())
        {
            await Create(other).RevokeAsync(token, CancellationToken.None);
            await other.SaveChangesAsync();
        }

        await new UnitOfWork(db, Substitute.For<IDomainEventPublisher>(), new NoAuditContext(), TimeProvider.System, NullLogger<UnitOfWork>.Instance).SaveChangesAsync(CancellationToken.None);

        Assert.Equal(0, await CountRowsAsync());
        await using var check = Database.CreateContext();
        Assert.Equal(UserBuilder.DefaultCreatedAt.AddMinutes(1), (await check.Users.SingleAsync()).LastLoginAt);
    }

    [Fact]
    public async Task DeletingTheUser_DeletesItsTokens_InTheDatabase()
    {
        var survivor = new UserBuilder().WithEmail("survivor@example.com").Build();
        await using (var db = Database.CreateContext())
        {
            db.Users.Add(survivor);
            await db.SaveChangesAsync();
        }

        await IssueAndCommitAsync();
        await IssueAndCommitAsync();
        var survivorToken = await IssueAndCommitAsync(survivor);

        await using (var db = Database.CreateContext())
        {
            var repository = new UserRepository(db);
            repository.Remove((await repository.GetByIdAsync(_user.Id, CancellationToken.None))!);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await CountRowsAsync());
        Assert.Equal(survivor.Id, (await ReadAsync(survivorToken))?.UserId);
    }

    private DatabaseAccessTokenStrategy Create(UsersDbContext db, int lifetimeSeconds = 3600) =>
        new(new ContextServices(db), Options.Create(new AuthTokenOptions { Secret = TestConfiguration.Secret, AccessTokenLifetimeSeconds = lifetimeSeconds }), _time);

    // A token of a new session of the user, both staged in db (every token belongs to a session).
    private async Task<string> IssueInAsync(UsersDbContext db, User user, DatabaseAccessTokenStrategy? strategy = null)
    {
        var session = Session.Start(user, "cookie", SessionClient.Unknown, _time.GetUtcNow());
        db.Sessions.Add(session);
        return (await (strategy ?? Create(db)).IssueAsync(user, session, CancellationToken.None)).Value;
    }

    private async Task<string> IssueAndCommitAsync(User? user = null, int lifetimeSeconds = 3600)
    {
        await using var db = Database.CreateContext();
        var token = await IssueInAsync(db, user ?? _user, Create(db, lifetimeSeconds));
        await db.SaveChangesAsync();
        return token;
    }

    private async Task<Application.Abstractions.Security.AccessTokenClaims?> ReadAsync(string token)
    {
        await using var db = Database.CreateContext();
        return await Create(db).ReadAsync(token, CancellationToken.None);
    }

    private async Task<long> CountRowsAsync()
    {
        await using var connection = new SqliteConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM access_tokens;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Straight from the file, bypassing EF's mapping: what an attacker holding a copy of the database would see.
    private async Task<List<Dictionary<string, object?>>> ReadRawRowsAsync()
    {
        await using var connection = new SqliteConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM access_tokens;";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }
}
