using MediatR;

namespace Users.Application.UnitTests.Pipeline;

/// <summary>A request whose response is not a <c>Result</c>, so the validation behavior's constraint does not apply to it.</summary>
public sealed record Ping(string Message) : IRequest<string>;
