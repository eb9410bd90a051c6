namespace Users.Infrastructure.Mail;

/// <summary>
/// Wakes this instance's delivery loop when a commit here has put mail into the outbox, so local mail leaves at once
/// instead of at the next poll. Mail committed by other instances is found by polling (<c>Email:PollSeconds</c>).
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up serves every mail committed before it is taken.
        }
    }

    public void Dispose() => _signal.Dispose();

    /// <summary>Waits until notified (true) or until <paramref name="timeout"/> has passed (false), whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
