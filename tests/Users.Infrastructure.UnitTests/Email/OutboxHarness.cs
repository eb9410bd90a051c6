using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Application.Abstractions.Mail;
using Users.Infrastructure.Mail;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.UnitTests.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;

namespace Users.Infrastructure.UnitTests.Mail;

/// <summary>
/// The outbox over a real, migrated SQLite file: a writer (<see cref="EmailOutbox"/> in a unit-of-work scope) and any
/// number of delivery services, each its own claimant, sharing the database, the clock and the Data Protection keys.
/// </summary>
internal sealed class OutboxHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<OutboxDeliveryService> _started = [];

    private OutboxHarness(SqliteTestDatabase database, EmailOptions options)
    {
        Database = database;
        Options = options;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<SqliteUsersDbContext>(o => o.UseSqlite(database.ConnectionString));
        services.AddScoped<UsersDbContext>(sp => sp.GetRequiredService<SqliteUsersDbContext>());
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxStore>();
        services.AddScoped<EmailOutbox>();
        services.AddSingleton(WriterLog);
        _services = services.BuildServiceProvider();
    }

    public SqliteTestDatabase Database { get; }

    public EmailOptions Options { get; }

    public TimerTrackingFakeTimeProvider Time { get; } = new();

    public CapturingLogger<EmailOutbox> WriterLog { get; } = new();

    public CapturingLogger<OutboxDeliveryService> Log { get; } = new();

    public OutboxStore Store => _services.GetRequiredService<OutboxStore>();

    public OutboxSignal Signal => _services.GetRequiredService<OutboxSignal>();

    public IDataProtectionProvider DataProtection => _services.GetRequiredService<IDataProtectionProvider>();

    public static async Task<OutboxHarness> CreateAsync(int maxAttempts = 5, int retryDelaySeconds = 2) =>
        new(await SqliteTestDatabase.CreateMigratedAsync(), new EmailOptions { MaxAttempts = maxAttempts, RetryDelaySeconds = retryDelaySeconds });

    /// <summary>A delivery service of its own (another instance, as far as claims go).</summary>
    public OutboxDeliveryService CreateService(IEmailTransport transport) =>
        new(Store, Signal, transport, DataProtection, Microsoft.Extensions.Options.Options.Create(Options), Time, Log);

    /// <summary>Adds the messages through the outbox and commits them, as a request's unit of work does.</summary>
    public async Task CommitAsync(params EmailMessage[] messages)
    {
        await using var scope = _services.CreateAsyncScope();
        var outbox = new EmailOutbox(
            scope.ServiceProvider.GetRequiredService<UsersDbContext>(), DataProtection, Signal, Time, WriterLog);
        foreach (var message in messages)
        {
            outbox.Add(message);
        }

        await scope.ServiceProvider.GetRequiredService<UsersDbContext>().SaveChangesAsync();
    }

    /// <summary>Adds a withheld record through the outbox and commits it, as a request for an unknown address does.</summary>
    public async Task CommitWithheldAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        new EmailOutbox(scope.ServiceProvider.GetRequiredService<UsersDbContext>(), DataProtection, Signal, Time, WriterLog).AddWithheld();
        await scope.ServiceProvider.GetRequiredService<UsersDbContext>().SaveChangesAsync();
    }

    public async Task<List<OutboxEmailRecord>> RowsAsync()
    {
        await using var db = Database.CreateContext();
        return await db.OutboxEmails.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
    }

    public async Task StartAsync(OutboxDeliveryService service)
    {
        _started.Add(service);
        await service.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _started)
        {
            // A stop whose wait is already over returns at once, while the loop may still be recording an outcome or
            // handing back claims; wait for the loop itself so that nothing writes to the file once it is deleted.
            await service.StopAsync(new CancellationToken(canceled: true));
            await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

            service.Dispose();
        }

        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
