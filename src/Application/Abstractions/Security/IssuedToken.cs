namespace Users.Application.Abstractions.Security;

/// <summary>
/// A token as handed to the client: its lifetime as announced (<c>expires_in</c>), and the last instant it is still
/// accepted (for a JWT, its <c>exp</c> plus the allowed clock skew); its session lives at least that long.
/// </summary>
public sealed record IssuedToken(string Value, int ExpiresInSeconds, DateTimeOffset UsableUntil);
