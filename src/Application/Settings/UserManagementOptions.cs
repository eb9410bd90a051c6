namespace Users.Application.Settings;

/// <summary>Application-level rules bound from the <c>Auth</c> configuration section.</summary>
public sealed class UserManagementOptions
{
    public const string SectionName = "Auth";

    /// <summary>When set, unverified users cannot log in (<c>LOGIN_USER_NOT_VERIFIED</c>) or use protected routes (403).</summary>
    public bool RequireVerification { get; set; }

    /// <summary>
    /// When set, <c>PATCH /users/me</c> changing the password or to a new address must carry <c>current_password</c>
    /// (<c>UPDATE_USER_BAD_CURRENT_PASSWORD</c> otherwise): a stolen session alone cannot take the account over. Off by
    /// default, as FastAPI Users clients do not send it.
    /// </summary>
    public bool RequireCurrentPassword { get; set; }

    public PasswordPolicyOptions Password { get; set; } = new();

    public LockoutOptions Lockout { get; set; } = new();

    public RefreshTokenOptions RefreshTokens { get; set; } = new();
}
