namespace Users.Domain.Sessions;

/// <summary>Why a session ended before its time.</summary>
public enum SessionEndReason
{
    /// <summary>Logout on the session's own backend.</summary>
    Logout,

    /// <summary>Ended from the session list, by its user or by a superuser.</summary>
    Revoked,

    /// <summary>A spent refresh token of the session was presented again after the reuse interval.</summary>
    RefreshTokenReused,
}
