using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Validation;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Services;

/// <summary>
/// Applies a change set to a loaded user, shared by <c>PATCH /users/me</c> and <c>PATCH /users/{id}</c>:
/// the new password must pass the policy (against the address the user will have), a new address must be free,
/// and the database's unique index settles races.
/// </summary>
public sealed class UserUpdater(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    IPasswordPolicy passwordPolicy,
    TimeProvider time)
{
    public async Task<Result<UserRead>> UpdateAsync(
        User user,
        string? email,
        string? password,
        bool? isActive,
        bool? isSuperuser,
        bool? isVerified,
        CancellationToken cancellationToken)
    {
        Email? newEmail = null;
        if (email is not null)
        {
            var parsed = Email.Create(email);
            if (!parsed.IsSuccess)
            {
                return parsed.Error.AsEmailValidationError();
            }

            newEmail = parsed.Value;
        }

        string? passwordHash = null;
        if (password is not null)
        {
            var rejection = await passwordPolicy.CheckAsync(password, newEmail?.Value ?? user.Email, cancellationToken);
            if (rejection is not null)
            {
                return UserErrors.UpdateUserInvalidPassword(rejection);
            }
        }

        if (newEmail is not null
            && !string.Equals(newEmail.Normalized, user.NormalizedEmail, StringComparison.Ordinal)
            && await users.ExistsByNormalizedEmailAsync(newEmail.Normalized, cancellationToken))
        {
            return UserErrors.UpdateUserEmailAlreadyExists;
        }

        // Hash last: it is the slow step, and it is wasted if an earlier check fails.
        if (password is not null)
        {
            passwordHash = passwordHasher.Hash(password);
        }

        var changed = user.Apply(new UserChanges(passwordHash, newEmail, isActive, isSuperuser, isVerified), time.GetUtcNow());
        if (changed.Count == 0)
        {
            return user.ToRead();
        }

        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (EmailAlreadyTakenException)
        {
            return UserErrors.UpdateUserEmailAlreadyExists;
        }

        return user.ToRead();
    }
}
