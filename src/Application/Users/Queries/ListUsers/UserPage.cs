namespace Users.Application.Users.Queries.ListUsers;

/// <summary>A page of users; <see cref="NextCursor"/> is <c>null</c> on the last page.</summary>
public sealed record UserPage(IReadOnlyList<UserRead> Items, string? NextCursor);
