namespace Users.Application.Users;

/// <summary>The contract's <c>UserRead</c> schema: what clients see of a user.</summary>
public sealed record UserRead(Guid Id, string Email, bool IsActive, bool IsSuperuser, bool IsVerified);
