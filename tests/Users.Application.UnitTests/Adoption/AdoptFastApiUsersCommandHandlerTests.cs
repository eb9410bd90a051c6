using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Users.Application.Abstractions.Adoption;
using Users.Application.Abstractions.OAuth;
using Users.Application.Adoption.Commands.AdoptFastApiUsers;
using Users.Domain.Users;

namespace Users.Application.UnitTests.Adoption;

public sealed class AdoptFastApiUsersCommandHandlerTests
{
    private const string Hash = "$2b$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly IFastApiUsersReader _reader = Substitute.For<IFastApiUsersReader>();
    private readonly IAdoptionStore _store = Substitute.For<IAdoptionStore>();
    private readonly IProviderTokenProtector _protector = Substitute.For<IProviderTokenProtector>();
    private readonly List<SourceUser> _users = [];
    private readonly List<SourceOAuthAccount> _accounts = [];
    private readonly List<SourceAccessToken> _tokens = [];
    private ExistingRecords _existing = Nothing();
    private AdoptionPlan? _written;

    public AdoptFastApiUsersCommandHandlerTests()
    {
        _reader.ReadAsync(Arg.Any<FastApiUsersSource>(), Arg.Any<IProgress<AdoptionProgress>?>(), Arg.Any<CancellationToken>())
            .Returns(_ => new FastApiUsersSnapshot(_users, _accounts, _tokens, ["first_name", "created_at"], []));
        _store.FindExistingAsync(Arg.Any<FastApiUsersSnapshot>(), Arg.Any<CancellationToken>()).Returns(_ => _existing);
        _store.AccessTokenLifetime.Returns(TimeSpan.FromHours(1));
        _store.WriteAsync(Arg.Do<AdoptionPlan>(p => _written = p), Arg.Any<IProgress<AdoptionProgress>?>(), Arg.Any<CancellationToken>())
            .Returns(Task.CompletedTask);
        _protector.Protect(Arg.Any<ProviderTokens>()).Returns(call => call.Arg<ProviderTokens>() with
        {
            AccessToken = "sealed:" + call.Arg<ProviderTokens>().AccessToken,
        });
    }

    [Fact]
    public async Task Adopt_KeepsIdsAddressesFlagsAndHashes_WithAnAdoptedStamp_AndWritesOnce()
    {
        var id = User("Ann@Example.com", superuser: true, verified: true);

        var summary = await Adopt();

        Assert.Equal(new AdoptionCounts(1, 1, 0, 0), summary.Users);
        var adopted = Assert.Single(_written!.Users).User;
        Assert.Equal((id, "Ann@example.com", Hash, true, true, true), (adopted.Id, adopted.Email, adopted.HashedPassword, adopted.IsActive, adopted.IsSuperuser, adopted.IsVerified));
        Assert.StartsWith(Domain.Users.User.AdoptedStampPrefix, adopted.SecurityStamp, StringComparison.Ordinal);
        Assert.Empty(adopted.DomainEvents);
        await _store.Received(1).WriteAsync(Arg.Any<AdoptionPlan>(), Arg.Any<IProgress<AdoptionProgress>?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Adopt_DryRun_ReportsTheSameCounts_AndWritesNothing()
    {
        User("ann@example.com");

        var summary = await Adopt(dryRun: true);

        Assert.Equal(new AdoptionCounts(1, 1, 0, 0), summary.Users);
        Assert.True(summary.DryRun);
        await _store.DidNotReceiveWithAnyArgs().WriteAsync(default!, default, default);
    }

    [Fact]
    public async Task Adopt_WhenEverythingIsAlreadyHere_WritesNothing()
    {
        var id = User("ann@example.com");
        _existing = Nothing() with { UserIds = new HashSet<Guid> { id } };

        var summary = await Adopt();

        Assert.Equal(new AdoptionCounts(1, 0, 1, 0), summary.Users);
        Assert.False(summary.SkippedAny);
        await _store.DidNotReceiveWithAnyArgs().WriteAsync(default!, default, default);
    }

    [Fact]
    public async Task Adopt_AddressesThatCollideOnceNormalised_SkipsEveryOneOfThem_NamingTheOthers()
    {
        var upper = User("Ann@EXAMPLE.com");
        var lower = User("ann@example.com");
        var bob = User("bob@example.com");

        var summary = await Adopt();

        Assert.Equal(new AdoptionCounts(3, 1, 0, 2), summary.Users);
        Assert.Equal(bob, Assert.Single(_written!.Users).User.Id);
        Assert.Equal([upper.ToString("D"), lower.ToString("D")], summary.Problems.Select(p => p.Id));
        Assert.All(summary.Problems, p => Assert.Equal("email_collision", p.Reason));
        Assert.Contains(lower.ToString("D"), summary.Problems[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_SkipsInvalidAddresses_AddressesTakenHere_AndRowsWithoutAHash()
    {
        User("not an address");
        User("taken@example.com");
        User("nohash@example.com", hash: "");
        _existing = Nothing() with { UserIdsByNormalizedEmail = new Dictionary<string, Guid> { ["taken@example.com"] = Guid.NewGuid() } };

        var summary = await Adopt();

        Assert.Equal(new AdoptionCounts(3, 0, 0, 3), summary.Users);
        Assert.Equal(["invalid_email", "email_taken", "no_password_hash"], summary.Problems.Select(p => p.Reason));
    }

    [Fact]
    public async Task Adopt_CarriesOnlyTheCustomColumnsThatMatchAColumnOfOurs()
    {
        User("ann@example.com", custom: new Dictionary<string, object?> { ["first_name"] = "Ann", ["created_at"] = "2024-01-01" });
        _existing = Nothing() with { UserColumns = new HashSet<string> { "created_at", "last_login_at" } };

        var summary = await Adopt();

        Assert.Equal(["created_at"], summary.CarriedColumns);
        Assert.Equal(["first_name"], summary.UncarriedColumns);
        Assert.Equal(new Dictionary<string, object?> { ["created_at"] = "2024-01-01" }, Assert.Single(_written!.Users).CarriedColumns);
    }

    [Fact]
    public async Task Adopt_ProviderAccounts_AreEncrypted_AndOfDuplicatesTheOneExpiringLastIsKept()
    {
        var ann = User("ann@example.com");
        var bob = User("bob@example.com");
        var older = Account(ann, "github", "42", expiresAt: 100);
        var newer = Account(bob, "github", "42", expiresAt: 200);

        var summary = await Adopt();

        Assert.Equal(new AdoptionCounts(2, 1, 0, 1), summary.OAuthAccounts);
        var kept = Assert.Single(_written!.OAuthAccounts);
        Assert.Equal((newer, bob, "sealed:token-" + newer), (kept.Id, kept.UserId, kept.AccessToken));
        var problem = Assert.Single(summary.Problems);
        Assert.Equal((older.ToString("D"), "duplicate_provider_account"), (problem.Id, problem.Reason));
    }

    [Fact]
    public async Task Adopt_ProviderAccountsAndTokensOfUsersNotAdopted_AreSkipped()
    {
        User("Ann@example.com");
        var twin = User("ann@example.com");
        Account(twin, "github", "7");
        _tokens.Add(new SourceAccessToken("tok", twin, Now.AddMinutes(-1)));

        var summary = await Adopt();

        Assert.Equal(1, summary.OAuthAccounts.Skipped);
        Assert.Equal(1, summary.AccessTokens.Skipped);
        Assert.Equal(2, summary.Problems.Count(p => p.Reason == "user_not_adopted"));
        Assert.DoesNotContain(summary.Problems, p => p.Id.Contains("tok", StringComparison.Ordinal) || p.Detail.Contains("tok", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adopt_Tokens_PastTheirLifetime_AreExpired_NotProblems_AndLiveOnesLiveAsLongAsLeft()
    {
        var ann = User("ann@example.com");
        _tokens.Add(new SourceAccessToken("live", ann, Now.AddMinutes(-10)));
        _tokens.Add(new SourceAccessToken("dead", ann, Now.AddHours(-1)));

        var summary = await Adopt();

        Assert.Equal(new AdoptionCounts(2, 1, 0, 0, Expired: 1), summary.AccessTokens);
        Assert.Empty(summary.Problems);
        var live = Assert.Single(_written!.AccessTokens);
        Assert.Equal(("live", Now.AddMinutes(50)), (live.Token, live.ExpiresAt));
    }

    private async Task<AdoptionSummary> Adopt(bool dryRun = false) =>
        (await new AdoptFastApiUsersCommandHandler(_reader, _store, _protector, new FakeTimeProvider(Now))
            .Handle(new AdoptFastApiUsersCommand { ConnectionString = "Data Source=x.db", Provider = "sqlite", DryRun = dryRun }, CancellationToken.None)).Value;

    private Guid User(string email, bool superuser = false, bool verified = false, string hash = Hash, Dictionary<string, object?>? custom = null)
    {
        var id = Guid.NewGuid();
        _users.Add(new SourceUser(id, email, hash, true, superuser, verified, custom ?? new Dictionary<string, object?>()));
        return id;
    }

    private Guid Account(Guid userId, string provider, string accountId, long? expiresAt = null)
    {
        var id = Guid.NewGuid();
        _accounts.Add(new SourceOAuthAccount(id, userId, provider, "token-" + id, expiresAt, null, accountId, $"{accountId}@{provider}.example.com"));
        return id;
    }

    private static ExistingRecords Nothing() => new(
        new HashSet<Guid>(), new Dictionary<string, Guid>(), new HashSet<Guid>(), new Dictionary<(string, string), Guid>(), new HashSet<string>(), new HashSet<string>());
}
