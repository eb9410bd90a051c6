using Microsoft.Extensions.Options;
using Users.Application.Settings;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.UpdateUser;
using Users.Domain.Common;

namespace Users.Application.UnitTests.Commands;

/// <summary>The update handler over the ports of a test.</summary>
internal static class UpdateUserHandler
{
    public static Task<Result<UserRead>> Handle(Ports ports, UpdateUserCommand command, UserManagementOptions? options = null) =>
        new UpdateUserCommandHandler(
                ports.Users, ports.UnitOfWork, ports.Hasher, ports.Policy, ports.Throttle, Ports.Mapper, Options.Create(options ?? new UserManagementOptions()), ports.Time)
            .Handle(command, CancellationToken.None);
}
