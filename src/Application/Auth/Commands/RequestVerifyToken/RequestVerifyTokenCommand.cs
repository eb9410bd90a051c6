using MediatR;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.RequestVerifyToken;

/// <summary>
/// Asks for a verification mail. Always succeeds (the answer must not tell whether the address is registered);
/// a token is issued, and <c>UserVerificationRequested</c> raised, only for an existing, active, unverified user.
/// </summary>
public sealed record RequestVerifyTokenCommand(string? Email) : IRequest<Result>;
