namespace Users.Application.Abstractions.Security;

/// <summary>An attempt at an address's password: counted, or refused for <see cref="LockedFor"/> more.</summary>
public sealed record LoginAttempt(TimeSpan? LockedFor)
{
    public static readonly LoginAttempt Counted = new((TimeSpan?)null);

    public bool IsLocked => LockedFor is not null;
}
