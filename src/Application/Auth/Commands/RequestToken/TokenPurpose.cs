namespace Users.Application.Auth.Commands.RequestToken;

/// <summary>Which mailed token a <see cref="RequestTokenCommand"/> asks for.</summary>
public enum TokenPurpose
{
    /// <summary><c>POST /auth/request-verify-token</c>: a verification link, for an active, unverified user.</summary>
    Verify,

    /// <summary><c>POST /auth/forgot-password</c>: a password-reset link, for an active user.</summary>
    ResetPassword,
}
