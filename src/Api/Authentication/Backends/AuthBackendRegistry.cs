namespace Users.Api.Authentication.Backends;

/// <summary>The configured backends, in the order they are tried.</summary>
public sealed record AuthBackendRegistry(IReadOnlyList<AuthBackend> Backends);
