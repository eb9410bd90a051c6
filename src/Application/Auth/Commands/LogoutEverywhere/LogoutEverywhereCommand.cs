using MediatR;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.LogoutEverywhere;

/// <summary>"Log out everywhere" (<c>POST /users/me/logout-all</c>): every token of the user stops working.</summary>
public sealed record LogoutEverywhereCommand(Guid UserId) : IRequest<Result>;
