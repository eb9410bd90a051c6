using Users.Domain.Common;

namespace Users.Domain.Users;

/// <summary>
/// Values to set on a user, at registration (<see cref="User.Register"/>) or as a change (<see cref="User.Apply"/>).
/// An unset member (<c>null</c> for the address and the hash) leaves that field as it is, or at its default for a new
/// user. Fields are <see cref="Optional{T}"/> so that "set it to <c>null</c>" (a custom field such as a display name)
/// differs from "leave it". Mapped by name from the create and update commands, so a custom field added here and on
/// the Application's <c>UserFields</c> flows through without other code.
/// </summary>
public sealed record UserChanges
{
    public Email? Email { get; init; }

    /// <summary>The hash of a new password (never the password itself).</summary>
    public string? PasswordHash { get; init; }

    public Optional<bool> IsActive { get; init; }

    public Optional<bool> IsSuperuser { get; init; }

    public Optional<bool> IsVerified { get; init; }
}
