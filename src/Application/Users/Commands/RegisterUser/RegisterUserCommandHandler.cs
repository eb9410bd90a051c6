using MediatR;
using Users.Application.Users.Services;
using Users.Domain.Common;

namespace Users.Application.Users.Commands.RegisterUser;

public sealed class RegisterUserCommandHandler(UserCreator creator) : IRequestHandler<RegisterUserCommand, Result<UserRead>>
{
    public Task<Result<UserRead>> Handle(RegisterUserCommand request, CancellationToken cancellationToken) =>
        creator.CreateAsync(request.Email!, request.Password!, isActive: true, isSuperuser: false, isVerified: false, cancellationToken);
}
