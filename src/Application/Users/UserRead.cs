namespace Users.Application.Users;

/// <summary>
/// The contract's <c>UserRead</c> schema: what clients see of a user. The one read model: mapped by name from the
/// aggregate (<see cref="UserMappings"/>), and the current-user lookup selects exactly the columns this mapping reads,
/// so a member added here (with the aggregate's property of the same name) appears in <c>/users/me</c> too.
/// </summary>
public sealed record UserRead
{
    public required Guid Id { get; init; }

    public required string Email { get; init; }

    public required bool IsActive { get; init; }

    public required bool IsSuperuser { get; init; }

    public required bool IsVerified { get; init; }
}
