using MapsterMapper;
using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Validation;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.Users.Commands.CreateUser;

/// <summary>
/// The one path by which users come to exist: password policy first (as the contract orders), then the address check,
/// then a commit that the database's unique index guards against concurrent twins.
/// </summary>
public sealed class CreateUserCommandHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    IPasswordPolicy passwordPolicy,
    IMapper mapper,
    TimeProvider time) : IRequestHandler<CreateUserCommand, Result<UserRead>>
{
    public async Task<Result<UserRead>> Handle(CreateUserCommand request, CancellationToken cancellationToken)
    {
        var email = Email.Create(request.Email);
        if (!email.IsSuccess)
        {
            return email.Error.AsEmailValidationError(); // the validator catches this first; kept so the handler is safe on its own
        }

        var password = request.Password!;
        var rejection = await passwordPolicy.CheckAsync(password, email.Value.Value, cancellationToken);
        if (rejection is not null)
        {
            return UserErrors.RegisterInvalidPassword(rejection);
        }

        if (await users.ExistsByNormalizedEmailAsync(email.Value.Normalized, cancellationToken))
        {
            return UserErrors.RegisterUserAlreadyExists;
        }

        var details = mapper.Map<UserChanges>(request) with { Email = email.Value, PasswordHash = await passwordHasher.HashAsync(password, cancellationToken) };
        var user = User.Register(details, time.GetUtcNow());
        users.Add(user);
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (EmailAlreadyTakenException)
        {
            return UserErrors.RegisterUserAlreadyExists;
        }

        return mapper.Map<UserRead>(user);
    }
}
