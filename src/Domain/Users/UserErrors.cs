using Users.Domain.Common;

namespace Users.Domain.Users;

/// <summary>The contract's error codes for user operations, each in one place.</summary>
public static class UserErrors
{
    public static readonly Error RegisterUserAlreadyExists =
        new("REGISTER_USER_ALREADY_EXISTS", ErrorKind.Failure, "A user with this email already exists.");

    public static readonly Error UpdateUserEmailAlreadyExists =
        new("UPDATE_USER_EMAIL_ALREADY_EXISTS", ErrorKind.Failure, "A user with this email already exists.");

    public static readonly Error UpdateUserBadCurrentPassword =
        new("UPDATE_USER_BAD_CURRENT_PASSWORD", ErrorKind.Failure, "The current password is missing or wrong.");

    public static readonly Error LoginBadCredentials =
        new("LOGIN_BAD_CREDENTIALS", ErrorKind.Failure, "The email or password is wrong, or the account is inactive.");

    /// <summary>Too many consecutive failed password checks for the address: no check until <paramref name="retryAfter"/> passed.</summary>
    public static Error LoginLocked(TimeSpan retryAfter) =>
        new("LOGIN_LOCKED", ErrorKind.TooManyRequests, "Too many failed attempts; wait before trying again.", RetryAfter: retryAfter);

    public static readonly Error LoginUserNotVerified =
        new("LOGIN_USER_NOT_VERIFIED", ErrorKind.Failure, "The account's email address is not verified yet.");

    public static readonly Error NotFound = new("Not Found", ErrorKind.NotFound, "No user has this id.");

    public static readonly Error Unauthorized = new("Unauthorized", ErrorKind.Unauthorized, "A valid access token is required.");

    public static readonly Error VerifyUserBadToken =
        new("VERIFY_USER_BAD_TOKEN", ErrorKind.Failure, "The verification token is invalid, expired or no longer matches the user.");

    public static readonly Error VerifyUserAlreadyVerified =
        new("VERIFY_USER_ALREADY_VERIFIED", ErrorKind.Failure, "The user is already verified.");

    public static readonly Error RefreshTokenInvalid =
        new("REFRESH_TOKEN_INVALID", ErrorKind.Failure, "The refresh token is unknown, spent, expired, or its session has ended.");

    public static readonly Error ResetPasswordBadToken =
        new("RESET_PASSWORD_BAD_TOKEN", ErrorKind.Failure, "The reset token is invalid, expired or already used.");

    public static Error ResetPasswordInvalidPassword(string reason) =>
        new("RESET_PASSWORD_INVALID_PASSWORD", ErrorKind.Failure, "The password was rejected by the password policy.", reason);

    public static Error RegisterInvalidPassword(string reason) =>
        new("REGISTER_INVALID_PASSWORD", ErrorKind.Failure, "The password was rejected by the password policy.", reason);

    public static Error UpdateUserInvalidPassword(string reason) =>
        new("UPDATE_USER_INVALID_PASSWORD", ErrorKind.Failure, "The password was rejected by the password policy.", reason);
}
