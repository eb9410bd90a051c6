using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.LogoutEverywhere;

/// <summary>
/// "Log out everywhere" (<c>POST /users/me/logout-all</c>): every token of the user stops working.
/// <paramref name="SecurityStamp"/> is the stamp the caller authenticated under: once the user's stamp is another,
/// every token issued before this request is dead already, so a concurrent or repeated request has nothing to do.
/// </summary>
public sealed record LogoutEverywhereCommand(Guid UserId, string SecurityStamp) : IRequest<Result>, IRetryOnConflict;
