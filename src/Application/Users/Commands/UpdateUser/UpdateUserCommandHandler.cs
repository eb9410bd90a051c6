using MapsterMapper;
using MediatR;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Validation;
using Users.Application.Settings;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Commands.UpdateUser;

/// <summary>
/// Applies a change to a user: a user changing their own password or address proves the current password first when
/// the service asks for it, the new password must pass the policy (against the address the user will have), a new
/// address must be free, and the database's unique index settles races.
/// </summary>
public sealed class UpdateUserCommandHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    IPasswordPolicy passwordPolicy,
    ILoginThrottle throttle,
    IMapper mapper,
    IOptions<UserManagementOptions> options,
    TimeProvider time) : IRequestHandler<UpdateUserCommand, Result<UserRead>>
{
    public async Task<Result<UserRead>> Handle(UpdateUserCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(request.Id, cancellationToken);
        if (request.BySelf)
        {
            if (user is null || !user.IsActive)
            {
                return UserErrors.Unauthorized;
            }

            request = request.WithoutFlags();
        }
        else if (user is null)
        {
            return UserErrors.NotFound;
        }

        Email? newEmail = null;
        if (request.Email.Value is { } address)
        {
            var parsed = Email.Create(address);
            if (!parsed.IsSuccess)
            {
                return parsed.Error.AsEmailValidationError(); // the validator catches this first
            }

            newEmail = parsed.Value;
        }

        var password = request.Password.Value;
        var newAddress = newEmail is not null && !string.Equals(newEmail.Normalized, user.NormalizedEmail, StringComparison.Ordinal);
        if (request.BySelf && options.Value.RequireCurrentPassword && (password is not null || newAddress)
            && await CheckCurrentPasswordAsync(user, request.CurrentPassword, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (password is not null)
        {
            var rejection = await passwordPolicy.CheckAsync(password, newEmail?.Value ?? user.Email, cancellationToken);
            if (rejection is not null)
            {
                return UserErrors.UpdateUserInvalidPassword(rejection);
            }
        }

        if (newAddress && await IsTakenByAnotherAsync(newEmail!, user, cancellationToken))
        {
            return UserErrors.UpdateUserEmailAlreadyExists;
        }

        // Hashed last: it is the slow step, and it is wasted if an earlier check fails.
        var changes = mapper.Map<UserChanges>(request) with
        {
            Email = newEmail,
            PasswordHash = password is null ? null : await passwordHasher.HashAsync(password, cancellationToken),
        };
        if (user.Apply(changes, time.GetUtcNow()).Count > 0)
        {
            try
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
            }
            catch (EmailAlreadyTakenException)
            {
                return UserErrors.UpdateUserEmailAlreadyExists;
            }
        }

        return mapper.Map<UserRead>(user);
    }

    // Checked before the policy and the address: a session alone must not learn which addresses are taken. A wrong
    // current password is a failed password check like a wrong login, and counts toward the address's lockout.
    private async Task<Error?> CheckCurrentPasswordAsync(User user, string? currentPassword, CancellationToken cancellationToken)
    {
        if (currentPassword is null)
        {
            return UserErrors.UpdateUserBadCurrentPassword;
        }

        if ((await throttle.BeginAttemptAsync(user.NormalizedEmail, cancellationToken)).LockedFor is { } wait)
        {
            return UserErrors.LoginLocked(wait);
        }

        if (await passwordHasher.VerifyAsync(user.HashedPassword, currentPassword, cancellationToken) is not (PasswordVerification.Success or PasswordVerification.SuccessRehashNeeded))
        {
            return UserErrors.UpdateUserBadCurrentPassword;
        }

        await throttle.ClearAsync(user.NormalizedEmail, cancellationToken);
        return null;
    }

    // The address may be this very user's: another request of theirs committed it after this one read the row. Then it
    // is not taken by someone else; this commit loses its race instead, and the retry finds nothing left to change.
    private async Task<bool> IsTakenByAnotherAsync(Email email, User user, CancellationToken cancellationToken) =>
        await users.ExistsByNormalizedEmailAsync(email.Normalized, cancellationToken)
        && (await users.GetByNormalizedEmailAsync(email.Normalized, cancellationToken))?.Id != user.Id;
}
