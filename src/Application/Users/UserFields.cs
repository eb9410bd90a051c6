using Users.Domain.Common;

namespace Users.Application.Users;

/// <summary>
/// The fields of a user that a request sets beside the address and the password (FastAPI Users' schema fields):
/// the base of the create and update requests and commands, so a field declared here is read from every such body,
/// validated by <see cref="UserFieldsValidator"/> and mapped by name to the aggregate's
/// <see cref="Domain.Users.UserChanges"/>. Unset members leave the field as it is (at creation: its default). The
/// flags are <c>bool?</c> inside the optional because clients may send <c>null</c>: registration and
/// <c>PATCH /users/me</c> ignore the flags (<see cref="UserFieldsExtensions.WithoutFlags{T}"/>), and
/// <c>PATCH /users/{id}</c> refuses a <c>null</c>.
/// </summary>
public abstract record UserFields
{
    public Optional<bool?> IsActive { get; init; }

    public Optional<bool?> IsSuperuser { get; init; }

    public Optional<bool?> IsVerified { get; init; }
}
