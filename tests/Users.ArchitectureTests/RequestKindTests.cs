using MediatR;
using Users.Application.Abstractions.Persistence;

namespace Users.ArchitectureTests;

/// <summary>
/// Every query is marked <see cref="IReadOnlyRequest"/> (a dropped connection makes it read again) and no command is
/// (a write whose answer was lost may have committed, so the pipeline must never run it twice).
/// </summary>
public sealed class RequestKindTests
{
    private static readonly Type[] Requests = typeof(Users.Application.DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
        .ToArray();

    [Fact]
    public void EveryQuery_IsMarkedReadOnly()
    {
        var queries = Requests.Where(t => t.Namespace!.Contains(".Queries.", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(queries);
        Assert.Empty(queries.Where(t => !typeof(IReadOnlyRequest).IsAssignableFrom(t)).Select(t => t.FullName));
    }

    [Fact]
    public void NoCommand_IsMarkedReadOnly()
    {
        var commands = Requests.Where(t => t.Namespace!.Contains(".Commands.", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(commands);
        Assert.Empty(commands.Where(t => typeof(IReadOnlyRequest).IsAssignableFrom(t)).Select(t => t.FullName));
    }

    [Fact]
    public void EveryRequest_IsAQueryOrACommand()
    {
        Assert.Empty(Requests
            .Where(t => !t.Namespace!.Contains(".Queries.", StringComparison.Ordinal) && !t.Namespace.Contains(".Commands.", StringComparison.Ordinal))
            .Select(t => t.FullName));
    }
}
