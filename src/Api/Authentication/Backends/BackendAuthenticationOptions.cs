using Microsoft.AspNetCore.Authentication;

namespace Users.Api.Authentication.Backends;

public sealed class BackendAuthenticationOptions : AuthenticationSchemeOptions
{
    public AuthBackend Backend { get; set; } = new();
}
