using Users.Application.Abstractions.Security;
using Users.Application.Common.Events;
using Users.Domain.Sessions.Events;
using Users.Domain.Users.Events;

namespace Users.Infrastructure.Redis;

/// <summary>
/// Removes Redis token keys once the change that ends them is committed: a session's at its end (logout, ended from the
/// session list, refresh-token reuse), a user's when their security stamp is replaced (log out everywhere, password
/// change or reset, deactivation) or they are deleted. A no-op without Redis. The tokens are refused anyway from the
/// commit on (their session, stamp or user is gone): this frees Redis before the TTLs would, as FastAPI Users' logout does.
/// </summary>
public sealed class RemoveRedisTokens(IEnumerable<IAccessTokenStrategy> strategies)
    : IDomainEventHandler<SessionEnded>, IDomainEventHandler<SecurityStampRotated>, IDomainEventHandler<UserDeleted>
{
    private RedisAccessTokenStrategy? Redis => strategies.OfType<RedisAccessTokenStrategy>().FirstOrDefault();

    public Task Handle(SessionEnded domainEvent, CancellationToken cancellationToken) =>
        Redis?.RevokeSessionAsync((domainEvent ?? throw new ArgumentNullException(nameof(domainEvent))).SessionId) ?? Task.CompletedTask;

    public Task Handle(SecurityStampRotated domainEvent, CancellationToken cancellationToken) =>
        Redis?.RevokeUserAsync((domainEvent ?? throw new ArgumentNullException(nameof(domainEvent))).UserId) ?? Task.CompletedTask;

    public Task Handle(UserDeleted domainEvent, CancellationToken cancellationToken) =>
        Redis?.RevokeUserAsync((domainEvent ?? throw new ArgumentNullException(nameof(domainEvent))).UserId) ?? Task.CompletedTask;
}
