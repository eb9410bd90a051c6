namespace Users.Application.Abstractions.Adoption;

/// <summary>
/// One row of the deployment's user table: its columns as FastAPI Users defines them, and any other column the team
/// added (<see cref="CustomColumns"/>, by column name; values as the database driver returns them).
/// </summary>
public sealed record SourceUser(
    Guid Id,
    string Email,
    string HashedPassword,
    bool IsActive,
    bool IsSuperuser,
    bool IsVerified,
    IReadOnlyDictionary<string, object?> CustomColumns);
