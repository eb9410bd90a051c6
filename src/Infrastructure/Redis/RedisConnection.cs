using StackExchange.Redis;

namespace Users.Infrastructure.Redis;

/// <summary>
/// The one Redis connection of the process, made on first use and kept (StackExchange.Redis reconnects by itself). A
/// Redis that is down never stops the start-up or hangs a request: connecting and each command give up after
/// <see cref="TimeoutMilliseconds"/>, and the request answers 503.
/// </summary>
public sealed class RedisConnection(string configuration) : IAsyncDisposable
{
    public const int TimeoutMilliseconds = 5000;

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectAsync(configuration));

    public async Task<IDatabase> DatabaseAsync() => (await _connection.Value).GetDatabase();

    /// <summary>Parses <paramref name="configuration"/> as the service will, for start-up validation.</summary>
    public static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = TimeoutMilliseconds;
        options.AsyncTimeout = TimeoutMilliseconds;
        options.SyncTimeout = TimeoutMilliseconds;
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    private static Task<ConnectionMultiplexer> ConnectAsync(string configuration) =>
        ConnectionMultiplexer.ConnectAsync(Options(configuration));
}
