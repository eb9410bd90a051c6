namespace Users.Api.Authentication.Backends;

/// <summary>
/// One authentication backend (FastAPI Users' <c>AuthenticationBackend</c>): a transport that carries the token
/// (<c>Bearer</c> header or <c>Cookie</c>) and a strategy that makes and checks it (<c>jwt</c> or <c>database</c>),
/// mounted at <c>/auth/{Name}</c>.
/// </summary>
public sealed class AuthBackend
{
    public string Name { get; set; } = string.Empty;

    public BackendTransport Transport { get; set; }

    public string Strategy { get; set; } = string.Empty;
}
