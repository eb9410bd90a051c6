namespace Users.Domain.Users;

/// <summary>The contract's names of the user fields, as carried by <see cref="Events.UserUpdated"/>.</summary>
public static class UserFieldNames
{
    public const string Email = "email";
    public const string Password = "password";
    public const string IsActive = "is_active";
    public const string IsSuperuser = "is_superuser";
    public const string IsVerified = "is_verified";
}
