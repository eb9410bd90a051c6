using Mapster;
using Users.Domain.Users;

namespace Users.Application.UnitTests.Common.Mapping;

/// <summary>The pair of <see cref="IncompleteUserMapping"/> with the nickname ignored on purpose (abstract for the same reason).</summary>
public abstract class NicknameIgnoredUserMapping : IRegister
{
    public void Register(TypeAdapterConfig config) => config.NewConfig<User, UserReadWithNickname>().Ignore(d => d.Nickname!);
}
