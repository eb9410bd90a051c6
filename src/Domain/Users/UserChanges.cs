namespace Users.Domain.Users;

/// <summary>
/// A set of requested changes to a user; a <c>null</c> member means "leave as is".
/// <see cref="User.Apply"/> applies them in the contract's order: password, email, is_active, is_superuser, is_verified.
/// </summary>
public sealed record UserChanges(
    string? PasswordHash = null,
    Email? Email = null,
    bool? IsActive = null,
    bool? IsSuperuser = null,
    bool? IsVerified = null);
