using MediatR;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.ForgotPassword;

/// <summary>
/// Asks for a password-reset mail. Always succeeds; a token is issued, and <c>ForgotPasswordRequested</c> raised,
/// only for an existing active user.
/// </summary>
public sealed record ForgotPasswordCommand(string? Email) : IRequest<Result>;
