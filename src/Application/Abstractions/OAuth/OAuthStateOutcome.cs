namespace Users.Application.Abstractions.OAuth;

public enum OAuthStateOutcome
{
    /// <summary>Issued by this service for OAuth, unexpired.</summary>
    Valid,

    /// <summary>Not a state of this service (garbage, bad signature, another token type's audience, no <c>csrftoken</c>).</summary>
    Invalid,

    /// <summary>Issued by this service, but past its expiry.</summary>
    Expired,
}
