using Mapster;
using Users.Application.Users.Commands.CreateUser;
using Users.Application.Users.Commands.UpdateUser;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users;

/// <summary>
/// How users map, by name: the aggregate to <see cref="UserRead"/>, and the create and update commands to the
/// aggregate's <see cref="UserChanges"/> (the address and the password are parsed and hashed by the handler first).
/// </summary>
public sealed class UserMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // A flag that passed validation is never null; a null one (ignored, or refused by validation) means "unset".
        config.NewConfig<Optional<bool?>, Optional<bool>>()
            .MapWith(flag => flag.IsSet && flag.Value.HasValue ? new Optional<bool>(flag.Value.Value) : default);

        config.NewConfig<User, UserRead>();
        config.NewConfig<CreateUserCommand, UserChanges>().Ignore(c => c.Email!).Ignore(c => c.PasswordHash!);
        config.NewConfig<UpdateUserCommand, UserChanges>().Ignore(c => c.Email!).Ignore(c => c.PasswordHash!);
    }
}
