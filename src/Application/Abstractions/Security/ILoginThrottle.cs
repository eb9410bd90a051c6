namespace Users.Application.Abstractions.Security;

/// <summary>
/// Counts consecutive failed password checks per normalized address, known or not (the answers must not tell them
/// apart), and locks an address that reached <c>Auth:Lockout:MaxFailures</c>. Shared by every instance over the same
/// database. Writes at once, outside the unit of work: the count must hold even for a login whose commit fails.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>
    /// Before a password is checked: counts the attempt (as a failure until <see cref="ClearAsync"/> says otherwise), or,
    /// while the address is locked, answers the wait left and counts nothing (the password must then not be checked).
    /// Counting first makes the limit hold for attempts running at the same time.
    /// </summary>
    Task<LoginAttempt> BeginAttemptAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>The password was right, or a superuser or a password reset said so: the address starts again from zero.</summary>
    Task ClearAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>The address's count and lock, as a superuser sees them.</summary>
    Task<LoginThrottleState> GetAsync(string normalizedEmail, CancellationToken cancellationToken);
}
