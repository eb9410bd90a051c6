using MapsterMapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Users.Application.Abstractions.Mail;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Mapping;
using Users.Application.Sessions;
using Users.Application.Settings;
using Users.Application.Users;
using Users.Domain.Common;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Application.UnitTests.TestSupport;

/// <summary>
/// NSubstitute mocks of every port, with safe defaults: the policy accepts any password (NSubstitute would
/// otherwise answer an empty reason, i.e. a rejection), the hasher returns <see cref="HashOf"/>, no address is taken.
/// The mapper is not a port: handlers get the real one (<see cref="Mapper"/>), so their tests prove the mappings too.
/// </summary>
public sealed class Ports
{
    public const string IssuedToken = "issued-access-token";
    public const string IssuedVerifyToken = "issued-verify-token";
    public const string IssuedResetToken = "issued-reset-token";
    public const string IssuedRefreshToken = "issued-refresh-token";

    /// <summary>How long <see cref="IssuedToken"/> is said to work.</summary>
    public static readonly TimeSpan IssuedTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>The one session of a stored user that the access reader finds (last used at <see cref="Start"/>).</summary>
    public static readonly Guid LiveSessionId = Guid.CreateVersion7(UserBuilder.DefaultCreatedAt);

    public Ports()
    {
        Hasher.HashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call => HashOf(call.Arg<string>()));
        AccessTokens.Name.Returns(AccessTokenStrategyNames.Jwt);
        AccessTokens.IssueAsync(Arg.Any<User>(), Arg.Any<Session>(), Arg.Any<CancellationToken>())
            .Returns(_ => ValueTask.FromResult(new IssuedToken(IssuedToken, (int)IssuedTokenLifetime.TotalSeconds, Time.GetUtcNow() + IssuedTokenLifetime)));
        CommonPasswords.Contains(Arg.Any<string>()).Returns(false);
        RefreshCodec.NewToken().Returns(IssuedRefreshToken);
        RefreshCodec.Hash(Arg.Any<string>()).Returns(call => "hash:" + call.Arg<string>());
        ActionTokens.IssueVerifyToken(Arg.Any<User>()).Returns(IssuedVerifyToken);
        ActionTokens.IssueResetPasswordToken(Arg.Any<User>()).Returns(IssuedResetToken);
        AcceptAnyPassword();
        Throttle.BeginAttemptAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(LoginAttempt.Counted);
        RateLimits.HitAsync(Arg.Any<string>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>())
            .Returns(call => new RateLimitHit(1, Time.GetUtcNow() + call.ArgAt<TimeSpan>(1)));
    }

    public IUserRepository Users { get; } = Substitute.For<IUserRepository>();

    public IUserAccessReader Access { get; } = Substitute.For<IUserAccessReader>();

    public ISessionRepository Sessions { get; } = Substitute.For<ISessionRepository>();

    public IRefreshTokenRepository RefreshTokens { get; } = Substitute.For<IRefreshTokenRepository>();

    public IAuditLog Audit { get; } = Substitute.For<IAuditLog>();

    /// <summary>Makes <see cref="IssuedRefreshToken"/> and hashes by prefixing <c>hash:</c>.</summary>
    public IRefreshTokenCodec RefreshCodec { get; } = Substitute.For<IRefreshTokenCodec>();

    public IUnitOfWork UnitOfWork { get; } = Substitute.For<IUnitOfWork>();

    public IPasswordHasher Hasher { get; } = Substitute.For<IPasswordHasher>();

    public IPasswordPolicy Policy { get; } = Substitute.For<IPasswordPolicy>();

    public IAccessTokenStrategy AccessTokens { get; } = Substitute.For<IAccessTokenStrategy>();

    public ICommonPasswordList CommonPasswords { get; } = Substitute.For<ICommonPasswordList>();

    /// <summary>Issues <see cref="IssuedVerifyToken"/> and <see cref="IssuedResetToken"/>; reads no token and matches no fingerprint until told to.</summary>
    public IUserActionTokens ActionTokens { get; } = Substitute.For<IUserActionTokens>();

    /// <summary>Counts every attempt and locks nothing until told to (<see cref="LockAddress"/>).</summary>
    public ILoginThrottle Throttle { get; } = Substitute.For<ILoginThrottle>();

    /// <summary>Answers every key's first hit in its window until told otherwise.</summary>
    public IRateLimitCounter RateLimits { get; } = Substitute.For<IRateLimitCounter>();

    public IEmailOutbox EmailOutbox { get; } = Substitute.For<IEmailOutbox>();

    /// <summary>Stands still at <see cref="Start"/> unless a test moves it.</summary>
    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The clock's start: a month after the builder's users were created.</summary>
    public static DateTimeOffset Start { get; } = UserBuilder.DefaultCreatedAt.AddDays(30);

    /// <summary>The service's one mapping configuration, built as at start-up from the Application assembly (shared: it is immutable once compiled).</summary>
    public static IMapper Mapper { get; } = new Mapper(MappingConfiguration.Create([typeof(UserRead).Assembly]));

    public static string HashOf(string password) => "hash:" + password;

    /// <summary>The real issuer of refresh tokens over <see cref="RefreshTokens"/> and <see cref="RefreshCodec"/>.</summary>
    public RefreshTokenIssuer RefreshIssuer(UserManagementOptions options) => new(RefreshTokens, RefreshCodec, Options.Create(options));

    /// <summary>The real end of a sign-in (session, tokens, one commit) over these ports.</summary>
    public SessionSignIn SignIn(UserManagementOptions options) => new(Sessions, UnitOfWork, [AccessTokens], RefreshIssuer(options), Mapper);

#pragma warning disable CA2012 // configuring a substitute's call, not consuming its ValueTask
    public void AcceptAnyPassword() =>
        Policy.CheckAsync(Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(_ => ValueTask.FromResult<string?>(null));

    public void LockAddress(string normalizedEmail, TimeSpan wait) =>
        Throttle.BeginAttemptAsync(normalizedEmail, Arg.Any<CancellationToken>()).Returns(new LoginAttempt(wait));

    public void RejectAnyPassword(string reason) =>
        Policy.CheckAsync(Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(_ => ValueTask.FromResult<string?>(reason));

    /// <summary>Makes <paramref name="token"/> a valid verification token saying <paramref name="claims"/>.</summary>
    public void AcceptVerifyToken(string token, VerifyTokenClaims claims) =>
        ActionTokens.ReadVerifyTokenAsync(token, Arg.Any<CancellationToken>())
            .Returns(_ => ValueTask.FromResult<VerifyTokenClaims?>(claims));

    /// <summary>Makes <paramref name="token"/> a valid reset token saying <paramref name="claims"/>.</summary>
    public void AcceptResetToken(string token, ResetPasswordTokenClaims claims) =>
        ActionTokens.ReadResetPasswordTokenAsync(token, Arg.Any<CancellationToken>())
            .Returns(_ => ValueTask.FromResult<ResetPasswordTokenClaims?>(claims));
#pragma warning restore CA2012

    /// <summary>Builds the user and makes it findable (see <see cref="Store(User)"/>).</summary>
    public User Store(UserBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var user = builder.Build();
        Store(user);
        return user;
    }

    /// <summary>Makes <paramref name="user"/> findable by id and address, and its address taken.</summary>
    public void Store(User user)
    {
        Users.GetByIdAsync(user.Id, Arg.Any<CancellationToken>()).Returns(user);
        Users.FindForReadAsync(user.Id, Arg.Any<CancellationToken>()).Returns(user);
        Access.FindAccessAsync(user.Id, Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(call => // read at call time, like the database
            new UserAccess(Mapper.Map<UserRead>(user), user.SecurityStamp, call.ArgAt<Guid>(1), call.ArgAt<Guid>(1) == LiveSessionId ? Start : null));
        Users.GetByNormalizedEmailAsync(user.NormalizedEmail, Arg.Any<CancellationToken>()).Returns(user);
        Users.ExistsByNormalizedEmailAsync(user.NormalizedEmail, Arg.Any<CancellationToken>()).Returns(true);
    }

    public void TakeEmail(string normalizedEmail) =>
        Users.ExistsByNormalizedEmailAsync(normalizedEmail, Arg.Any<CancellationToken>()).Returns(true);

    /// <summary>Another request commits the same address between the check and this commit.</summary>
    public void LoseCommitRace() =>
        UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(_ => Task.FromException(new EmailAlreadyTakenException("unique index")));

    /// <summary>
    /// Collects the events <paramref name="user"/> holds when the commit happens: what the unit of work dispatches.
    /// Stays empty when nothing is committed.
    /// </summary>
    public List<IDomainEvent> EventsAtCommit(User user)
    {
        var events = new List<IDomainEvent>();
        UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(_ =>
            {
                events.AddRange(user.DomainEvents);
                return Task.CompletedTask;
            });
        return events;
    }

    public void ReceivedNoCommit() => UnitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);

    public void ReceivedOneCommit() => UnitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
}
