using Mapster;
using Users.Domain.Users;

namespace Users.Application.UnitTests.Common.Mapping;

/// <summary>
/// Declares <see cref="User"/> → <see cref="UserReadWithNickname"/> and forgets the nickname. Abstract, so that the
/// scan of this assembly (which other tests hand to <c>AddApplication</c>) never applies it;
/// <see cref="MappingAssemblies.Containing{TRegister}"/> makes a concrete one in an assembly of its own.
/// </summary>
public abstract class IncompleteUserMapping : IRegister
{
    public void Register(TypeAdapterConfig config) => config.NewConfig<User, UserReadWithNickname>();
}
