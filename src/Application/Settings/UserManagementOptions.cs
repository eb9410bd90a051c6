namespace Users.Application.Settings;

/// <summary>Application-level rules bound from the <c>Auth</c> configuration section.</summary>
public sealed class UserManagementOptions
{
    public const string SectionName = "Auth";

    /// <summary>When set, unverified users cannot log in (<c>LOGIN_USER_NOT_VERIFIED</c>) or use protected routes (403).</summary>
    public bool RequireVerification { get; set; }

    public PasswordPolicyOptions Password { get; set; } = new();
}
