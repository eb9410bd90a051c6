using MediatR;
using Users.Application.Users.Services;
using Users.Domain.Common;

namespace Users.Application.Users.Commands.CreateUser;

public sealed class CreateUserCommandHandler(UserCreator creator) : IRequestHandler<CreateUserCommand, Result<UserRead>>
{
    public Task<Result<UserRead>> Handle(CreateUserCommand request, CancellationToken cancellationToken) =>
        creator.CreateAsync(request.Email!, request.Password!, request.IsActive, request.IsSuperuser, request.IsVerified, cancellationToken);
}
