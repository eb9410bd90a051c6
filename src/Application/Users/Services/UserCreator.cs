using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Validation;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Services;

/// <summary>
/// The one path by which users come to exist, shared by registration and programmatic creation:
/// password policy first (as the contract orders), then the address check, then a commit that the
/// database's unique index guards against concurrent twins.
/// </summary>
public sealed class UserCreator(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    IPasswordPolicy passwordPolicy,
    TimeProvider time)
{
    public async Task<Result<UserRead>> CreateAsync(
        string email,
        string password,
        bool isActive,
        bool isSuperuser,
        bool isVerified,
        CancellationToken cancellationToken)
    {
        var parsed = Email.Create(email);
        if (!parsed.IsSuccess)
        {
            return parsed.Error.AsEmailValidationError(); // validators catch this first; kept so the service is safe on its own
        }

        var rejection = await passwordPolicy.CheckAsync(password, parsed.Value.Value, cancellationToken);
        if (rejection is not null)
        {
            return UserErrors.RegisterInvalidPassword(rejection);
        }

        if (await users.ExistsByNormalizedEmailAsync(parsed.Value.Normalized, cancellationToken))
        {
            return UserErrors.RegisterUserAlreadyExists;
        }

        var user = User.Register(parsed.Value, passwordHasher.Hash(password), time.GetUtcNow(), isActive, isSuperuser, isVerified);
        users.Add(user);
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (EmailAlreadyTakenException)
        {
            return UserErrors.RegisterUserAlreadyExists;
        }

        return user.ToRead();
    }
}
