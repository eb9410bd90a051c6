using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;

namespace Users.Application.Users.Commands.DeleteUser;

public sealed record DeleteUserCommand(Guid Id) : IRequest<Result>, IRetryOnConflict;
