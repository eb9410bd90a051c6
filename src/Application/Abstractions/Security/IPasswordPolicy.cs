namespace Users.Application.Abstractions.Security;

/// <summary>
/// Decides whether a password may be used. Replace the registration in DI to change the rules
/// (for example to also ask a breached-password service).
/// </summary>
public interface IPasswordPolicy
{
    /// <summary>Returns <c>null</c> when the password is acceptable, otherwise a human reason for the user.</summary>
    ValueTask<string?> CheckAsync(string password, string? email, CancellationToken cancellationToken);
}
