namespace Users.Infrastructure.Settings;

/// <summary>Signing and lifetime of self-issued tokens (section <c>Auth</c>).</summary>
public sealed class AuthTokenOptions
{
    public const string SectionName = "Auth";

    /// <summary>HS256 needs a key at least as long as its 256-bit output.</summary>
    public const int MinimumSecretBytes = 32;

    /// <summary>The HMAC key of every self-issued JWT, used as given (its UTF-8 bytes). Never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>Lifetime of access JWTs and of database-strategy tokens.</summary>
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Lifetime of the email-verification tokens mailed to users.</summary>
    public int VerifyTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Lifetime of the password-reset tokens mailed to users.</summary>
    public int ResetPasswordTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>
    /// Honour access JWTs issued by an adopted FastAPI Users deployment (signed with the same <see cref="Secret"/>; no
    /// stamp, no session) until they expire, for users who have not changed password, been deactivated or logged out
    /// everywhere since the adoption. Off by default: such a token cannot be ended by logging out.
    /// </summary>
    public bool AcceptLegacyTokens { get; set; }
}
