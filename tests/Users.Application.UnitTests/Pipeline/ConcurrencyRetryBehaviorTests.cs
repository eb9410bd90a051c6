using MediatR;
using Microsoft.Extensions.Logging.Abstractions;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Behaviors;

namespace Users.Application.UnitTests.Pipeline;

/// <summary>A command that lost its race for the user's row runs again; other requests pass straight through.</summary>
public sealed class ConcurrencyRetryBehaviorTests
{
    [Fact]
    public async Task MarkedCommand_LosingTwice_RunsAThirdTime_AndAnswersItsResult()
    {
        var attempts = 0;

        var answer = await Behavior<Contended>().Handle(new Contended(), CancellationToken.None, () =>
            ++attempts < 3 ? throw new ConcurrencyConflictException() : Task.FromResult("won"));

        Assert.Equal("won", answer);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task MarkedCommand_LosingEveryAttempt_GivesUpAfterTheLast_WithTheConflict()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Behavior<Contended>().Handle(new Contended(), CancellationToken.None, () =>
        {
            attempts++;
            throw new ConcurrencyConflictException();
        }));

        Assert.Equal(ConcurrencyRetryBehavior<Contended, string>.MaxAttempts, attempts);
    }

    [Fact]
    public async Task UnmarkedRequest_IsNotRetried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Behavior<Ping>().Handle(new Ping("x"), CancellationToken.None, () =>
        {
            attempts++;
            throw new ConcurrencyConflictException();
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task OtherFailures_AreNotRetried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Behavior<Contended>().Handle(new Contended(), CancellationToken.None, () =>
        {
            attempts++;
            throw new InvalidOperationException("not a race");
        }));

        Assert.Equal(1, attempts);
    }

    private static ConcurrencyRetryBehavior<TRequest, string> Behavior<TRequest>() =>
        new(NullLogger<ConcurrencyRetryBehavior<TRequest, string>>.Instance);

    public sealed record Contended : IRequest<string>, IRetryOnConflict;
}
