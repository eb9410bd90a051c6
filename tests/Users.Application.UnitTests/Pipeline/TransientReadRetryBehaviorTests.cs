using MediatR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Behaviors;

namespace Users.Application.UnitTests.Pipeline;

/// <summary>
/// A read that met a passing store failure runs again after a short pause, a bounded number of times and only within
/// its window; commands and other failures pass straight through.
/// </summary>
public sealed class TransientReadRetryBehaviorTests
{
    private readonly FakeTimeProvider time = new();
    private readonly IDatabaseErrorClassifier classifier = Substitute.For<IDatabaseErrorClassifier>();

    public TransientReadRetryBehaviorTests()
    {
        classifier.Classify(Arg.Any<Exception>()).Returns(DatabaseErrorClassification.None);
        classifier.Classify(Arg.Any<StoreDown>()).Returns(new DatabaseErrorClassification(DatabaseErrorKind.Unavailable));
    }

    [Fact]
    public async Task Read_FailingOnce_RunsAgainAfterThePause_AndAnswersItsResult()
    {
        var attempts = 0;

        var answer = Behavior<Read>().Handle(new Read(), CancellationToken.None, () =>
            ++attempts == 1 ? throw new StoreDown() : Task.FromResult("read"));

        Assert.Equal(1, attempts);
        Assert.False(answer.IsCompleted); // pausing, not spinning
        time.Advance(TransientReadRetryBehavior<Read, string>.FirstPause);
        Assert.Equal("read", await answer);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Read_FailingEveryAttempt_GivesUpAfterTheLast_WithTheFailure()
    {
        var attempts = 0;

        var answer = Behavior<Read>().Handle(new Read(), CancellationToken.None, () =>
        {
            attempts++;
            throw new StoreDown();
        });
        while (!answer.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        await Assert.ThrowsAsync<StoreDown>(() => answer);
        Assert.Equal(TransientReadRetryBehavior<Read, string>.MaxAttempts, attempts);
    }

    [Fact]
    public async Task Read_WhoseFirstAttemptTookTheWholeWindow_IsNotRunAgain()
    {
        // A connection attempt that timed out already used the time an outage may take to answer.
        var attempts = 0;

        await Assert.ThrowsAsync<StoreDown>(() => Behavior<Read>().Handle(new Read(), CancellationToken.None, () =>
        {
            attempts++;
            time.Advance(TransientReadRetryBehavior<Read, string>.RetryWindow);
            throw new StoreDown();
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Command_IsNeverRunAgain_ItsWriteMayHaveCommitted()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<StoreDown>(() => Behavior<Ping>().Handle(new Ping("x"), CancellationToken.None, () =>
        {
            attempts++;
            throw new StoreDown();
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Read_FailingForAnotherReason_IsNotRunAgain()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Behavior<Read>().Handle(new Read(), CancellationToken.None, () =>
        {
            attempts++;
            throw new InvalidOperationException("a bug, not an outage");
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Read_CancelledDuringThePause_StopsThere()
    {
        using var cancellation = new CancellationTokenSource();
        var attempts = 0;

        var answer = Behavior<Read>().Handle(new Read(), cancellation.Token, () =>
        {
            attempts++;
            throw new StoreDown();
        });
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer);
        Assert.Equal(1, attempts);
    }

    private TransientReadRetryBehavior<TRequest, string> Behavior<TRequest>() =>
        new(classifier, time, NullLogger<TransientReadRetryBehavior<TRequest, string>>.Instance);

    public sealed record Read : IRequest<string>, IReadOnlyRequest;

    private sealed class StoreDown : Exception;
}
