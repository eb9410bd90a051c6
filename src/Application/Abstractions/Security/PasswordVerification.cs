namespace Users.Application.Abstractions.Security;

public enum PasswordVerification
{
    /// <summary>The password does not match.</summary>
    Failed,

    /// <summary>The password matches and the hash is up to date.</summary>
    Success,

    /// <summary>The password matches but the hash uses older parameters: store a fresh hash.</summary>
    SuccessRehashNeeded,

    /// <summary>The stored hash is in no format this hasher knows; treated as a failure and logged.</summary>
    UnknownFormat,
}
