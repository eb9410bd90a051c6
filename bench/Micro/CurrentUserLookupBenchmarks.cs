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
using Users.Domain.Users;
using Users.Infrastructure;
using Users.Infrastructure.Persistence;

namespace Users.Bench.Micro;

/// <summary>
/// The current-user lookup on a real SQLite file with <see cref="UserCount"/> users, wired by AddInfrastructure and
/// migrated by MigrateDatabaseAsync as the service does: the repository read alone, a raw ADO.NET read of the same row
/// (the floor), and the whole GetCurrentUserQuery (token → user) through the mediator.
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

            var jwt = scope.ServiceProvider.GetServices<IAccessTokenStrategy>().Named(AccessTokenStrategyNames.Jwt);
            _query = new GetCurrentUserQuery(await jwt.IssueAsync(target!, default));
        }

        _userId = target!.Id;
        _userIdText = _userId.ToString("D").ToUpperInvariant(); // how EF Core's SQLite provider stores a Guid
        _heldScope = _services.CreateScope();
        _heldRepository = _heldScope.ServiceProvider.GetRequiredService<IUserRepository>();
        _heldAccess = _heldScope.ServiceProvider.GetRequiredService<IUserAccessReader>();

        if ((await FindScopePerRequest())?.Id != _userId
            || (await FindHeldScope())?.Id != _userId
            || await RawAdoNet() != target.SecurityStamp
            || (await GetCurrentUser()).Value.Id != _userId)
        {
            throw new InvalidOperationException("The seeded user was not found by every variant.");
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

    [Benchmark(Description = "raw ADO.NET SELECT by id (floor)")]
    public async Task<string?> RawAdoNet()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT id, email, is_active, is_superuser, is_verified, security_stamp FROM users WHERE id = $id LIMIT 1";
        command.Parameters.AddWithValue("$id", _userIdText);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetString(5) : null;
    }

    [Benchmark(Description = "repo.FindForReadAsync, held scope")]
    public Task<User?> FindHeldScope() => _heldRepository.FindForReadAsync(_userId, default);

    [Benchmark(Description = "IUserAccessReader.FindAccessAsync (the current-user lookup), held scope")]
    public Task<UserAccess?> FindAccessHeldScope() => _heldAccess.FindAccessAsync(_userId, default);

    [Benchmark(Baseline = true, Description = "new scope + repo.FindForReadAsync")]
    public async Task<User?> FindScopePerRequest()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUserRepository>().FindForReadAsync(_userId, default);
    }

    [Benchmark(Description = "new scope + Send(GetCurrentUserQuery)")]
    public async Task<Result<UserRead>> GetCurrentUser()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(_query, default);
    }
}
