namespace Users.Application.UnitTests.TestSupport;

/// <summary>A clock that stands still at <see cref="Now"/> until a test moves it.</summary>
public sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
