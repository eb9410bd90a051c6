using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.Infrastructure.Persistence;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;
using Users.Infrastructure.UnitTests.Persistence;
using Users.Infrastructure.UnitTests.TestDoubles;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security;

public sealed class EndSessionsOnStampRotationTests : SqliteDatabaseTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly User _rotated = new UserBuilder().WithEmail("rotated@example.com").Build();
    private readonly User _bystander = new UserBuilder().WithEmail("bystander@example.com").Build();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SaveAsync(_rotated, _bystander);
    }

    [Fact]
    public async Task Handle_EndsTheUsersSessionsFromBeforeTheRotation_WithTheirTokens_AndNobodyElses()
    {
        await IssueAsync(_rotated);
        await IssueAsync(_rotated);
        var bystanderToken = await IssueAsync(_bystander);
        await RotateStampAsync(_rotated.Id);

        await using (var db = Database.CreateContext())
        {
            await new EndSessionsOnStampRotation(db).Handle(new SecurityStampRotated(_rotated.Id), CancellationToken.None);
        }

        await using var check = Database.CreateContext();
        var remaining = await check.AccessTokens.ToListAsync();
        var row = Assert.Single(remaining);
        Assert.Equal(_bystander.Id, row.UserId);
        Assert.Equal(OpaqueTokens.Hash(bystanderToken), row.TokenHash);
        Assert.Equal([_bystander.Id], await check.Sessions.Select(s => s.UserId).ToListAsync());
    }

    [Fact]
    public async Task Handle_KeepsATokenIssuedUnderTheNewStamp()
    {
        await IssueAsync(_rotated);
        var stamp = await RotateStampAsync(_rotated.Id);
        await using (var db = Database.CreateContext())
        {
            var fresh = await db.Users.SingleAsync(u => u.Id == _rotated.Id);
            var session = Session.Start(fresh, "cookie", SessionClient.Unknown, _time.GetUtcNow()); // a login that committed right after the rotation
            db.Sessions.Add(session);
            await Create(db).IssueAsync(fresh, session, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        await using (var db = Database.CreateContext())
        {
            await new EndSessionsOnStampRotation(db).Handle(new SecurityStampRotated(_rotated.Id), CancellationToken.None);
        }

        await using var check = Database.CreateContext();
        Assert.Equal([stamp], await check.AccessTokens.Select(t => t.SecurityStamp).ToListAsync());
        Assert.Equal([stamp], await check.Sessions.Select(s => s.SecurityStamp).ToListAsync());
    }

    [Fact]
    public async Task Handle_ForAUserWithoutTokensOrAnUnknownUser_DoesNothing()
    {
        await IssueAsync(_bystander);

        await using (var db = Database.CreateContext())
        {
            var handler = new EndSessionsOnStampRotation(db);
            await handler.Handle(new SecurityStampRotated(_rotated.Id), CancellationToken.None);
            await handler.Handle(new SecurityStampRotated(Guid.CreateVersion7()), CancellationToken.None);
        }

        await using var check = Database.CreateContext();
        Assert.Equal(1, await check.AccessTokens.CountAsync());
    }

    private DatabaseAccessTokenStrategy Create(UsersDbContext db) =>
        new(new ContextServices(db), Options.Create(new AuthTokenOptions { Secret = TestConfiguration.Secret }), _time);

    private async Task<string> IssueAsync(User user)
    {
        await using var db = Database.CreateContext();
        var session = Session.Start(user, "cookie", SessionClient.Unknown, _time.GetUtcNow());
        db.Sessions.Add(session);
        var token = await Create(db).IssueAsync(user, session, CancellationToken.None);
        await db.SaveChangesAsync();
        return token.Value;
    }

    private async Task<string> RotateStampAsync(Guid userId)
    {
        await using var db = Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        user.RevokeAllTokens(_time.GetUtcNow());
        await db.SaveChangesAsync();
        return user.SecurityStamp;
    }
}
