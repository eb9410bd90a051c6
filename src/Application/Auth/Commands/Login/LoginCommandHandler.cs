using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Telemetry;
using Users.Application.Sessions;
using Users.Application.Settings;
using Users.Domain.Audit;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Auth.Commands.Login;

public sealed partial class LoginCommandHandler(
    IUserRepository users,
    IAuditLog audit,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    SessionSignIn signIn,
    ILoginThrottle throttle,
    IOptions<UserManagementOptions> options,
    TimeProvider time,
    ILogger<LoginCommandHandler> logger) : IRequestHandler<LoginCommand, Result<LoginResult>>
{
    public async Task<Result<LoginResult>> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        // Locked or not, known or not: the same answer, and no password check while locked.
        var address = Email.NormalizeForLookup(request.Username!);
        var attempt = await throttle.BeginAttemptAsync(address, cancellationToken);
        var user = await users.GetByNormalizedEmailAsync(address, cancellationToken);
        if (attempt.LockedFor is { } wait)
        {
            return await FailAsync(UserErrors.LoginLocked(wait), AuditEventType.LoginLocked, user, request, cancellationToken);
        }

        if (user is null)
        {
            // Spend a hash's time anyway, so timing does not reveal which addresses are registered.
            await passwordHasher.VerifyAgainstDummyAsync(request.Password!, cancellationToken);
            return await FailAsync(UserErrors.LoginBadCredentials, AuditEventType.LoginFailed, null, request, cancellationToken);
        }

        var verification = await passwordHasher.VerifyAsync(user.HashedPassword, request.Password!, cancellationToken);
        if (verification == PasswordVerification.UnknownFormat)
        {
            await passwordHasher.VerifyAgainstDummyAsync(request.Password!, cancellationToken); // same time as every other failure
            LogUnknownHashFormat(user.Id);
        }

        if (verification is PasswordVerification.Failed or PasswordVerification.UnknownFormat || !user.IsActive)
        {
            // Counted as a failure when the attempt began.
            return await FailAsync(UserErrors.LoginBadCredentials, AuditEventType.LoginFailed, user, request, cancellationToken);
        }

        await throttle.ClearAsync(address, cancellationToken);

        if (options.Value.RequireVerification && !user.IsVerified)
        {
            return await FailAsync(UserErrors.LoginUserNotVerified, AuditEventType.LoginFailed, user, request, cancellationToken);
        }

        UsersMetrics.Login("success");
        if (verification == PasswordVerification.SuccessRehashNeeded)
        {
            user.UpgradePasswordHash(await passwordHasher.HashAsync(request.Password!, cancellationToken));
        }

        return await signIn.SignInAsync(
            user, new SignInRequest(request.Strategy, request.Backend, request.Client, request.WithRefreshToken), time.GetUtcNow(), cancellationToken);
    }

    // Known address or not, a failure writes the same one audit row (no user for an unknown address), so neither the
    // answer nor its time tells them apart.
    private async Task<Result<LoginResult>> FailAsync(Error error, AuditEventType type, User? user, LoginCommand request, CancellationToken cancellationToken)
    {
        UsersMetrics.Login(type == AuditEventType.LoginLocked ? "locked" : error == UserErrors.LoginUserNotVerified ? "not_verified" : "bad_credentials");
        audit.Add(AuditEvent.Record(type, time.GetUtcNow(), user?.Id, actorId: null, request.Client, sessionId: null));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return error;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "User {UserId} has a stored password hash in an unknown format; login refused")]
    private partial void LogUnknownHashFormat(Guid userId);
}
