using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Application.Abstractions.Persistence;
using Users.Application.Common.Behaviors;
using Users.Application.Common.Events;
using Users.Application.Users.Commands.UpdateUser;
using Users.Domain.Users.Events;
using static Users.Api.IntegrationTests.Platform.DomainEventTests;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// Twenty identical requests at once against one user: single-use tokens are used once, each change happens once,
/// and its event fires once. Optimistic concurrency on the user row makes it a property of the write, not of timing.
/// </summary>
public abstract class RaceTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const int Racers = 20;

    private readonly EventRecorder _events = new();

    [SkippableFact]
    public async Task ResetPassword_TwentyAtOnceWithOneToken_ExactlyOneWins()
    {
        await using var factory = Recording();
        var (user, _) = await CreateUserAsync();
        await factory.CreateClient().PostAsync("/auth/forgot-password", Json(new { email = user.Email }));
        var token = Single<ForgotPasswordRequested>(user.Id).Token;
        var passwords = Enumerable.Range(0, Racers).Select(i => $"Raced-Passphrase-{i:D2}-x7").ToArray();

        var responses = await Race(i => factory.CreateClient().PostAsync("/auth/reset-password", Json(new { token, password = passwords[i] })));

        var winner = await AssertOneWinsAsync(responses, HttpStatusCode.OK, HttpStatusCode.BadRequest, "RESET_PASSWORD_BAD_TOKEN");

        Assert.Single(_events.Events, e => e.Event is PasswordReset);
        var won = Array.IndexOf(responses, winner);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(user.Email, passwords[won])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(user.Email, passwords[(won + 1) % Racers])).StatusCode);
    }

    [SkippableFact]
    public async Task Verify_TwentyAtOnceWithOneToken_ExactlyOneWins()
    {
        await using var factory = Recording();
        var (user, _) = await CreateUserAsync();
        await factory.CreateClient().PostAsync("/auth/request-verify-token", Json(new { email = user.Email }));
        var token = Single<UserVerificationRequested>(user.Id).Token;

        var responses = await Race(_ => factory.CreateClient().PostAsync("/auth/verify", Json(new { token })));

        await AssertOneWinsAsync(responses, HttpStatusCode.OK, HttpStatusCode.BadRequest, "VERIFY_USER_ALREADY_VERIFIED");

        Assert.Single(_events.Events, e => e.Event is UserVerified);
    }

    [SkippableFact]
    public async Task PatchEmail_TwentyAtOnce_ChangesItOnce()
    {
        await using var factory = Recording();
        var (user, _) = await CreateUserAsync();
        var token = await TokenAsync(user.Email);
        var email = NewEmail("raced");

        var responses = await Race(_ => WithToken(factory, token).PatchAsync("/users/me", Json(new { email })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var updated = Assert.Single(_events.Events, e => e.Event is UserUpdated);
        Assert.Equal(["email"], ((UserUpdated)updated.Event).ChangedFields);
    }

    [SkippableFact]
    public async Task Deactivate_TwentyAtOnce_DeactivatesOnce()
    {
        await using var factory = Recording();
        var (user, _) = await CreateUserAsync();
        var (admin, _) = await CreateUserAsync(superuser: true);
        var token = await TokenAsync(admin.Email);

        var responses = await Race(_ => WithToken(factory, token).PatchAsync($"/users/{user.Id}", Json(new { is_active = false })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(_events.Events, e => e.Event is UserUpdated u && u.UserId == user.Id);
        Assert.Single(_events.Events, e => e.Event is SecurityStampRotated s && s.UserId == user.Id);
    }

    [SkippableFact]
    public async Task Delete_TwentyAtOnce_DeletesOnce()
    {
        await using var factory = Recording();
        var (user, _) = await CreateUserAsync();
        var (admin, _) = await CreateUserAsync(superuser: true);
        var token = await TokenAsync(admin.Email);

        var responses = await Race(_ => WithToken(factory, token).DeleteAsync($"/users/{user.Id}"));

        await AssertOneWinsAsync(responses, HttpStatusCode.NoContent, HttpStatusCode.NotFound, "Not Found");

        Assert.Single(_events.Events, e => e.Event is UserDeleted);
    }

    [SkippableFact]
    public async Task LogoutEverywhere_TwentyAtOnce_RotatesTheStampOnce()
    {
        await using var factory = Recording();
        var (user, _) = await CreateUserAsync();
        var token = await TokenAsync(user.Email);

        var responses = await Race(_ => WithToken(factory, token).PostAsync("/users/me/logout-all", null));

        // A request that reaches authentication after the first one committed carries a dead token already.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Unauthorized }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Single(_events.Events, e => e.Event is SecurityStampRotated);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(factory, token).GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task CookieLogout_TwentyAtOnce_EndTheSessionWithoutError()
    {
        await using var factory = Recording();
        var (user, _) = await CreateUserAsync();
        var login = await factory.CreateClient().PostAsync("/auth/cookie/login", LoginForm(user.Email, GoodPassword));
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        var responses = await Race(_ => WithCookie(factory, cookie).PostAsync("/auth/cookie/logout", null));

        // Those that authenticated before the row was deleted end the session too (never a 500); later ones are 401.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Unauthorized }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(factory, cookie).GetAsync("/users/me")).StatusCode);
    }

    [SkippableFact]
    public async Task ACommitThatKeepsLosingItsRace_Answers409_AfterEveryAttempt()
    {
        var attempts = new AttemptCounter();
        await using var factory = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IUnitOfWork>(sp =>
            new AlwaysConflictingUnitOfWork(sp.GetRequiredService<global::Users.Infrastructure.Persistence.UsersDbContext>(), attempts))));
        var (user, _) = await CreateUserAsync();

        var response = await WithToken(factory, await TokenAsync(user.Email)).PatchAsync("/users/me", Json(new { email = NewEmail("never") }));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "Conflict");
        Assert.Equal(ConcurrencyRetryBehavior<UpdateUserCommand, Domain.Common.Result<Application.Users.UserRead>>.MaxAttempts, attempts.Count);
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    // Exactly one racer gets the winning status; every other one the same refusal.
    private static async Task<HttpResponseMessage> AssertOneWinsAsync(
        HttpResponseMessage[] responses, HttpStatusCode won, HttpStatusCode lost, string lostDetail)
    {
        var winner = Assert.Single(responses, r => r.StatusCode == won);
        foreach (var loser in responses.Where(r => r != winner))
        {
            await loser.AssertProblemAsync(lost, lostDetail);
        }

        return winner;
    }

    private static Task<HttpResponseMessage[]> Race(Func<int, Task<HttpResponseMessage>> request) =>
        Task.WhenAll(Enumerable.Range(0, Racers).Select(i => Task.Run(() => request(i))));

    private static HttpClient WithCookie(WebApplicationFactory<Program> factory, string cookie)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private TEvent Single<TEvent>(Guid userId) =>
        _events.Events.Where(e => e.UserId == userId).Select(e => e.Event).OfType<TEvent>().Single();

    // The service with hooks that record every event of the kinds these races are about, started before the race:
    // twenty requests starting a host at once would only measure the host's start-up lock.
    private WebApplicationFactory<Program> Recording()
    {
        var factory = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(AddRecordingHooks));
        _ = factory.Server;
        return factory;
    }

    private void AddRecordingHooks(IServiceCollection services)
    {
        services.AddSingleton(_events);
        services.AddTransient<IDomainEventHandler<ForgotPasswordRequested>, RecordingHandler<ForgotPasswordRequested>>();
        services.AddTransient<IDomainEventHandler<UserVerificationRequested>, RecordingHandler<UserVerificationRequested>>();
        services.AddTransient<IDomainEventHandler<PasswordReset>, RecordingHandler<PasswordReset>>();
        services.AddTransient<IDomainEventHandler<UserVerified>, RecordingHandler<UserVerified>>();
        services.AddTransient<IDomainEventHandler<UserUpdated>, RecordingHandler<UserUpdated>>();
        services.AddTransient<IDomainEventHandler<SecurityStampRotated>, RecordingHandler<SecurityStampRotated>>();
        services.AddTransient<IDomainEventHandler<UserDeleted>, RecordingHandler<UserDeleted>>();
    }
}

/// <summary>Counts commits across the scopes of a host.</summary>
internal sealed class AttemptCounter
{
    private int _count;

    public int Count => _count;

    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>A unit of work whose every commit loses the race for the row, and forgets the attempt as the real one does.</summary>
internal sealed class AlwaysConflictingUnitOfWork(global::Users.Infrastructure.Persistence.UsersDbContext db, AttemptCounter attempts) : IUnitOfWork
{
    public Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        attempts.Add();
        db.ChangeTracker.Clear();
        throw new ConcurrencyConflictException("lost again");
    }
}

public sealed class RaceSqliteTests(SqliteApiFixture fixture) : RaceTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class RacePostgresTests(PostgresApiFixture fixture) : RaceTests(fixture), IClassFixture<PostgresApiFixture>;
