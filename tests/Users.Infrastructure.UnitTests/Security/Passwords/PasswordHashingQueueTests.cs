using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Security;
using Users.Infrastructure.Security.Passwords;
using Users.Infrastructure.Settings;

namespace Users.Infrastructure.UnitTests.Security.Passwords;

public sealed class PasswordHashingQueueTests
{
    [Fact]
    public async Task RunAsync_NeverRunsMoreThanMaxConcurrentAtOnce_AndRunsEveryAdmittedCall()
    {
        using var queue = Create(maxConcurrent: 2, queueLimit: 100);
        using var release = new ManualResetEventSlim();
        var running = 0;
        var peak = 0;

        var calls = Enumerable.Range(0, 30).Select(i => Task.Run(() => queue.RunAsync(
            () =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                release.Wait(TimeSpan.FromSeconds(10));
                Interlocked.Decrement(ref running);
                return i;
            },
            CancellationToken.None))).ToArray();
        await WaitUntilAsync(() => Volatile.Read(ref running) == 2 && queue.Waiting == 28);
        release.Set();

        var results = await Task.WhenAll(calls);

        Assert.Equal(2, peak);
        Assert.Equal(Enumerable.Range(0, 30), results.Order());
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task RunAsync_BeyondTheQueueLimit_IsRefusedAtOnce_WithAWaitEstimate_AndRunsNothing()
    {
        using var queue = Create(maxConcurrent: 1, queueLimit: 2);
        using var release = new ManualResetEventSlim();
        _ = await queue.RunAsync(
            () =>
            {
                Thread.Sleep(20);
                return 0;
            },
            CancellationToken.None); // one measured "hash", so the estimate has a mean
        var held = Enumerable.Range(0, 3)
            .Select(_ => Task.Run(() => queue.RunAsync(() => release.Wait(TimeSpan.FromSeconds(10)), CancellationToken.None)))
            .ToArray();
        await WaitUntilAsync(() => queue.Waiting == 2);
        var ran = false;

        var busy = await Assert.ThrowsAsync<PasswordHashingBusyException>(() => queue.RunAsync(() => ran = true, CancellationToken.None));

        Assert.False(ran);
        Assert.InRange(busy.RetryAfter, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5));
        release.Set();
        await Task.WhenAll(held);
        Assert.True(await queue.RunAsync(() => true, CancellationToken.None)); // room again
    }

    [Fact]
    public async Task RunAsync_WithNoQueue_IsRefusedWhenEverySlotIsBusy()
    {
        using var queue = Create(maxConcurrent: 1, queueLimit: 0);
        using var release = new ManualResetEventSlim();
        var held = Hold(queue, release, out var started);
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));

        await Assert.ThrowsAsync<PasswordHashingBusyException>(() => queue.RunAsync(() => 1, CancellationToken.None));

        release.Set();
        await held;
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaiting_ThrowsAndGivesItsPlaceBack()
    {
        using var queue = Create(maxConcurrent: 1, queueLimit: 1);
        using var release = new ManualResetEventSlim();
        var held = Hold(queue, release, out var started);
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
        using var cancel = new CancellationTokenSource();
        var waiting = queue.RunAsync(() => 1, cancel.Token);
        Assert.Equal(1, queue.Waiting);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, queue.Waiting);
        var next = queue.RunAsync(() => 2, CancellationToken.None); // admitted: the cancelled call left the queue
        release.Set();
        await held;
        Assert.Equal(2, await next);
    }

    [Fact]
    public async Task RunAsync_WhenTheWorkThrows_ReleasesTheSlot()
    {
        using var queue = Create(maxConcurrent: 1, queueLimit: 0);

        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.RunAsync<int>(() => throw new InvalidOperationException(), CancellationToken.None));

        Assert.Equal(3, await queue.RunAsync(() => 3, CancellationToken.None));
    }

    // Takes a slot until release is set; started is set once the work runs.
    private static Task<bool> Hold(PasswordHashingQueue queue, ManualResetEventSlim release, out ManualResetEventSlim started)
    {
        var running = new ManualResetEventSlim();
        started = running;
        return Task.Run(() => queue.RunAsync(
            () =>
            {
                running.Set();
                return release.Wait(TimeSpan.FromSeconds(10));
            },
            CancellationToken.None));
    }

    private static PasswordHashingQueue Create(int maxConcurrent, int queueLimit) =>
        new(Options.Create(new PasswordHashingOptions { MaxConcurrent = maxConcurrent, QueueLimit = queueLimit }), TimeProvider.System);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(5);
        }
    }
}
