using Mapster;
using Users.Application.OAuth.Queries.ListOAuthAccounts;
using Users.Domain.Users;

namespace Users.Application.OAuth;

/// <summary>Linked provider accounts map to <see cref="OAuthAccountRead"/> by name; declared so start-up compiles and checks it.</summary>
public sealed class OAuthMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.NewConfig<OAuthAccount, OAuthAccountRead>();
    }
}
