namespace Users.Domain.Audit;

/// <summary>The security events the audit trail records; each has the contract's name (<see cref="AuditEventTypes.Name"/>).</summary>
public enum AuditEventType
{
    Registered,
    LoginSucceeded,
    LoginFailed,
    LoginLocked,
    Logout,
    SessionEnded,
    RefreshReuseDetected,
    PasswordChanged,
    PasswordReset,
    EmailChanged,
    Verified,
    Activated,
    Deactivated,
    SuperuserGranted,
    SuperuserRevoked,
    UserDeleted,
    OAuthLinked,
    OAuthUnlinked,
}
