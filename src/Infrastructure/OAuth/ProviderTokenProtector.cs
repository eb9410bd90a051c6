using Microsoft.AspNetCore.DataProtection;
using Users.Application.Abstractions.OAuth;
using Users.Domain.Users;

namespace Users.Infrastructure.OAuth;

/// <summary>
/// Provider tokens encrypted with ASP.NET Core Data Protection (authenticated encryption, keys rotated by Data
/// Protection and kept in the database, so every instance reads what any instance wrote), under a purpose of their own.
/// </summary>
public sealed class ProviderTokenProtector(IDataProtectionProvider dataProtection) : IProviderTokenProtector
{
    public const string Purpose = "Users.OAuth.ProviderTokens.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public ProviderTokens Protect(ProviderTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens with
        {
            AccessToken = _protector.Protect(tokens.AccessToken),
            RefreshToken = tokens.RefreshToken is null ? null : _protector.Protect(tokens.RefreshToken),
        };
    }

    public ProviderTokens Unprotect(ProviderTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens with
        {
            AccessToken = _protector.Unprotect(tokens.AccessToken),
            RefreshToken = tokens.RefreshToken is null ? null : _protector.Unprotect(tokens.RefreshToken),
        };
    }
}
