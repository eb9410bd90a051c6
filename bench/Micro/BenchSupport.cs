using MapsterMapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Mapping;
using Users.Application.Users;
using Users.Domain.Users;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;

namespace Users.Bench.Micro;

/// <summary>Shared fixtures: the secret, a JWT strategy, a user, configuration and a logger that formats but discards.</summary>
public static class BenchSupport
{
    public const string Secret = "micro-benchmark-secret-of-at-least-32-bytes!";

    public static JwtAccessTokenService CreateJwt(ILoggerFactory? loggerFactory = null) =>
        new(
            Options.Create(new AuthTokenOptions { Secret = Secret, AccessTokenLifetimeSeconds = 3600 }),
            TimeProvider.System,
            (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<JwtAccessTokenService>());

    public static User NewUser(int i) =>
        User.Register(
            new UserChanges
            {
                Email = Email.Create($"user{i:D7}@example.com").Value,
                PasswordHash = "pbkdf2_sha256$1$c2FsdA$aGFzaA", // never verified here; any non-empty string will do
            },
            DateTimeOffset.UtcNow);

    public static IConfiguration Configuration(string? sqliteConnectionString = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Auth:Secret"] = Secret,
            ["Auth:PasswordHashing:Iterations"] = "1000",
        };
        if (sqliteConnectionString is not null)
        {
            values["ConnectionStrings:Users"] = sqliteConnectionString;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>
    /// Logging as the service configures it by default (Information for the application's categories), with a provider
    /// that formats each message, as the console logger does, and then drops it: the cost up to the I/O.
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging, bool information)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(information ? LogLevel.Information : LogLevel.Warning);
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        logging.AddProvider(new FormattingDiscardLoggerProvider());
    }
}

/// <summary>Formats every message it is given and throws the text away.</summary>
public sealed class FormattingDiscardLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => FormattingDiscardLogger.Instance;

    public void Dispose() { }

    private sealed class FormattingDiscardLogger : ILogger
    {
        public static readonly FormattingDiscardLogger Instance = new();

        public static int Sink { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            Sink += formatter(state, exception).Length;
        }
    }
}

/// <summary>An in-memory <see cref="IUserRepository"/> and <see cref="IUserAccessReader"/>: the pipeline without a database.</summary>
public sealed class InMemoryUserRepository : IUserRepository, IUserAccessReader
{
    private static readonly Mapper Mapper = new(MappingConfiguration.Create([typeof(UserRead).Assembly]));
    private readonly Dictionary<Guid, User> _users = [];

    public void Seed(User user) => _users[user.Id] = user;

    public Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult(_users.GetValueOrDefault(id));

    public Task<User?> GetByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        Task.FromResult(_users.Values.FirstOrDefault(u => u.NormalizedEmail == normalizedEmail));

    public Task<User?> FindForReadAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult(_users.GetValueOrDefault(id));

    // Every session asked about is live: the pipeline's cost, not the session bookkeeping, is what is measured.
    public Task<UserAccess?> FindAccessAsync(Guid id, Guid sessionId, CancellationToken cancellationToken) =>
        Task.FromResult(_users.TryGetValue(id, out var user)
            ? new UserAccess(Mapper.Map<UserRead>(user), user.SecurityStamp, sessionId, DateTimeOffset.UtcNow)
            : null);

    public Task TouchSessionAsync(Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<User?> GetByOAuthAccountAsync(string oauthName, string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(_users.Values.FirstOrDefault(u => u.OAuthAccounts.Any(a => a.OAuthName == oauthName && a.AccountId == accountId)));

    public Task<User?> GetWithOAuthAccountsAsync(Guid id, CancellationToken cancellationToken) => GetByIdAsync(id, cancellationToken);

    public Task<IReadOnlyList<OAuthAccount>> ListOAuthAccountsAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OAuthAccount>>(_users.TryGetValue(userId, out var user) ? [.. user.OAuthAccounts] : []);

    public Task<bool> ExistsByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        Task.FromResult(_users.Values.Any(u => u.NormalizedEmail == normalizedEmail));

    public Task<IReadOnlyList<User>> ListAsync(UserListCriteria criteria, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<User>>([.. _users.Values.Take(criteria?.Limit ?? 0)]);

    public void Add(User user) => Seed(user);

    public void Remove(User user) => _users.Remove(user?.Id ?? Guid.Empty);
}
