using Users.Domain.Users;

namespace Users.Application.Abstractions.Security;

/// <summary>
/// The single-purpose tokens mailed to users: email verification (audience <c>fastapi-users:verify</c>, claims
/// <c>sub</c> and <c>email</c>) and password reset (audience <c>fastapi-users:reset</c>, claims <c>sub</c> and
/// <c>password_fgpt</c>, a keyed fingerprint of the current password hash, so the token dies with any password change).
/// </summary>
public interface IUserActionTokens
{
    string IssueVerifyToken(User user);

    /// <summary>The claims of a valid, unexpired verification token, or <c>null</c>.</summary>
    ValueTask<VerifyTokenClaims?> ReadVerifyTokenAsync(string token, CancellationToken cancellationToken);

    string IssueResetPasswordToken(User user);

    /// <summary>The claims of a valid, unexpired reset token, or <c>null</c>.</summary>
    ValueTask<ResetPasswordTokenClaims?> ReadResetPasswordTokenAsync(string token, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="fingerprint"/> was made from <paramref name="user"/>'s current password hash (constant time).</summary>
    bool MatchesCurrentPassword(User user, string fingerprint);
}
