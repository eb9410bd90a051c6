namespace Users.Application.Sessions;

/// <summary>A session as its user (or a superuser) sees it; <see cref="Current"/> marks the one the request came through.</summary>
public sealed record SessionRead
{
    public required Guid Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUsedAt { get; init; }

    public required string? UserAgent { get; init; }

    public required string? Ip { get; init; }

    public required string Backend { get; init; }

    public required bool Current { get; init; }
}
