using MediatR;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.Logout;

/// <summary>Ends the session of one token: its row is deleted (database strategy); a JWT simply stops being sent.</summary>
public sealed record LogoutCommand(string AccessToken, string Strategy) : IRequest<Result>;
