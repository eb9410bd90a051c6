namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// A keyset page request: users whose id sorts after <paramref name="After"/>, in id order,
/// optionally only those whose lower-cased address starts with <paramref name="NormalizedEmailPrefix"/>
/// or whose <c>is_active</c> equals <paramref name="IsActive"/>.
/// </summary>
public sealed record UserListCriteria(int Limit, Guid? After, string? NormalizedEmailPrefix, bool? IsActive);
