namespace Users.Application.UnitTests.Common.Mapping;

/// <summary>A test-only read model: <c>UserRead</c>'s members plus one the aggregate has no source for.</summary>
public sealed record UserReadWithNickname
{
    public required Guid Id { get; init; }

    public required string Email { get; init; }

    public required bool IsActive { get; init; }

    public required bool IsSuperuser { get; init; }

    public required bool IsVerified { get; init; }

    public string? Nickname { get; init; }
}
