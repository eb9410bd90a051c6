using BenchmarkDotNet.Attributes;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Users.Application;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Users;
using Users.Application.Users.Queries.GetCurrentUser;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Bench.Micro;

/// <summary>
/// The current-user lookup on a real SQLite file with <see cref="UserCount"/> users, wired by AddInfrastructure and
/// migrated by MigrateDatabaseAsync as the service does; the target user has one live session (a row in <c>sessions</c>),
/// which its token belongs to. It times the repository read alone, the current-user lookup (the user joined with the
/// token's session in one query), a raw ADO.NET read of the same row and session (the floor), and the whole
/// GetCurrentUserQuery (token → user and session) through the mediator.
/// </summary>
[MemoryDiagnoser]
public class CurrentUserLookupBenchmarks
{
    public const int UserCount = 10_000;

    private string _directory = null!;
    private string _connectionString = null!;
    private ServiceProvider _services = null!;
    private IServiceScope _heldScope = null!;
    private IUserRepository _heldRepository = null!;
    private IUserAccessReader _heldAccess = null!;
    private Guid _userId;
    private string _userIdText = null!;
    private Guid _sessionId;
    private string _sessionIdText = null!;
    private GetCurrentUserQuery _query = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "users-bench-micro-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _connectionString = $"Data Source={Path.Combine(_directory, "users.db")}";

        var services = new ServiceCollection();
        services.AddLogging(logging => BenchSupport.ConfigureLogging(logging, information: true));
        var configuration = BenchSupport.Configuration(_connectionString);
        services.AddApplication(typeof(Users.Infrastructure.DependencyInjection).Assembly).AddInfrastructure(configuration);
        _services = services.BuildServiceProvider();
        await _services.MigrateDatabaseAsync();

        User? target = null;
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SqliteUsersDbContext>();
            for (var batch = 0; batch < UserCount / 1000; batch++)
            {
                var users = Enumerable.Range(batch * 1000, 1000).Select(BenchSupport.NewUser).ToList();
                db.Users.AddRange(users);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                target ??= batch == UserCount / 2000 ? users[500] : null;
            }

            // The target's login, as SessionSignIn does it: a session, its token, the session kept as long as the token.
            var session = Session.Start(
                target!,
                "jwt",
                new SessionClient("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"),
                TimeProvider.System.GetUtcNow());
            var jwt = scope.ServiceProvider.GetServices<IAccessTokenStrategy>().Named(AccessTokenStrategyNames.Jwt);
            var token = await jwt.IssueAsync(target!, session, default);
            session.ExtendTo(token.UsableUntil);
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            _query = new GetCurrentUserQuery(token.Value);
            _sessionId = session.Id;
        }

        _userId = target!.Id;
        _userIdText = _userId.ToString("D").ToUpperInvariant(); // how EF Core's SQLite provider stores a Guid
        _sessionIdText = _sessionId.ToString("D").ToUpperInvariant();
        _heldScope = _services.CreateScope();
        _heldRepository = _heldScope.ServiceProvider.GetRequiredService<IUserRepository>();
        _heldAccess = _heldScope.ServiceProvider.GetRequiredService<IUserAccessReader>();

        if ((await FindScopePerRequest())?.Id != _userId
            || (await FindHeldScope())?.Id != _userId
            || await FindAccessHeldScope() is not { SessionLastUsedAt: not null } access || access.User.Id != _userId
            || await RawAdoNet() is not { SessionLastUsedAt: not null } raw || raw.SecurityStamp != target.SecurityStamp
            || await GetCurrentUser() is not { IsSuccess: true } current || current.Value.User.Id != _userId || current.Value.SessionId != _sessionId)
        {
            throw new InvalidOperationException("The seeded user and its session were not found by every variant.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _heldScope.Dispose();
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The statement the current-user lookup runs (UserAccessQuery.Sql: the user, its stamp and the token's session), written by hand.</summary>
    [Benchmark(Description = "raw ADO.NET SELECT by id (floor)")]
    public async Task<(string SecurityStamp, long? SessionLastUsedAt)?> RawAdoNet()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT u.id, u.email, u.is_active, u.is_superuser, u.is_verified, u.security_stamp, s.last_used_at "
            + "FROM users AS u LEFT JOIN sessions AS s ON s.id = $sid AND s.user_id = u.id WHERE u.id = $id";
        command.Parameters.AddWithValue("$id", _userIdText);
        command.Parameters.AddWithValue("$sid", _sessionIdText);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt64(6)) : null;
    }

    [Benchmark(Description = "repo.FindForReadAsync, held scope")]
    public Task<User?> FindHeldScope() => _heldRepository.FindForReadAsync(_userId, default);

    [Benchmark(Description = "IUserAccessReader.FindAccessAsync (the current-user lookup), held scope")]
    public Task<UserAccess?> FindAccessHeldScope() => _heldAccess.FindAccessAsync(_userId, _sessionId, default);

    [Benchmark(Baseline = true, Description = "new scope + repo.FindForReadAsync")]
    public async Task<User?> FindScopePerRequest()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUserRepository>().FindForReadAsync(_userId, default);
    }

    [Benchmark(Description = "new scope + Send(GetCurrentUserQuery)")]
    public async Task<Result<UserAccess>> GetCurrentUser()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(_query, default);
    }
}
