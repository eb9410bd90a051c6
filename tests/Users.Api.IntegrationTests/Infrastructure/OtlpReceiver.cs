using System.Globalization;
using System.Net;
using System.Text;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>
/// An OTLP/HTTP receiver on loopback for the telemetry tests: answers 200 to every export and keeps each request's
/// raw protobuf body by path (<c>/v1/traces</c>, <c>/v1/metrics</c>). Strings are plain UTF-8 inside protobuf, so a test
/// can look for a name it expects, or a secret it must not find, in the bytes without decoding them.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, byte[] Body)> _received = [];
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = TestServerProcesses.FreePort();
        _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public int Port { get; }

    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// <summary>Everything received on <paramref name="path"/> so far, as one text (protobuf bytes read as UTF-8).</summary>
    public string Text(string path)
    {
        lock (_received)
        {
            return string.Concat(_received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));
        }
    }

    /// <summary>Waits until what arrived on <paramref name="path"/> holds <paramref name="fragment"/>.</summary>
    public async Task WaitForAsync(string path, string fragment, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!Text(path).Contains(fragment, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No export to {path} held '{fragment}' within {limit.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (_received)
            {
                _received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
