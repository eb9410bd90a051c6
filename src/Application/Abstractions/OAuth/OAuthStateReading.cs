namespace Users.Application.Abstractions.OAuth;

/// <summary>
/// A state read back at the callback. Only a <see cref="OAuthStateOutcome.Valid"/> reading carries the CSRF token, the
/// user of the associate flow and the PKCE verifier.
/// </summary>
public sealed record OAuthStateReading(OAuthStateOutcome Outcome, string CsrfToken = "", Guid? UserId = null, string CodeVerifier = "")
{
    public static readonly OAuthStateReading Invalid = new(OAuthStateOutcome.Invalid);

    public static readonly OAuthStateReading Expired = new(OAuthStateOutcome.Expired);
}
