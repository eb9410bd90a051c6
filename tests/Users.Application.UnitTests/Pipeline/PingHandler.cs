using MediatR;

namespace Users.Application.UnitTests.Pipeline;

public sealed class PingHandler : IRequestHandler<Ping, string>
{
    public Task<string> Handle(Ping request, CancellationToken cancellationToken) => Task.FromResult("pong: " + request.Message);
}
