using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Application.Common.Events;
using Users.Domain.Common;
using Users.Domain.Users.Events;

namespace Users.Api.IntegrationTests.Platform;

/// <summary>
/// Hooks added as domain-event handlers run once per successful change, after it is committed, and never for a
/// request that failed.
/// </summary>
public abstract class DomainEventTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task Hooks_FireOnceAfterCommit_AndNeverOnFailure()
    {
        var recorder = new EventRecorder();
        await using var factory = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton(recorder);
            services.AddTransient<IDomainEventHandler<UserRegistered>, RecordingHandler<UserRegistered>>();
            services.AddTransient<IDomainEventHandler<UserUpdated>, RecordingHandler<UserUpdated>>();
            services.AddTransient<IDomainEventHandler<UserLoggedIn>, RecordingHandler<UserLoggedIn>>();
            services.AddTransient<IDomainEventHandler<UserDeleted>, RecordingHandler<UserDeleted>>();
        }));
        var client = factory.CreateClient();
        var email = NewEmail("hooks");

        var registered = await client.PostAsync("/auth/register", Json(new { email, password = GoodPassword }));
        var duplicate = await client.PostAsync("/auth/register", Json(new { email, password = GoodPassword }));
        var login = await client.PostAsync("/auth/jwt/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = email,
            ["password"] = GoodPassword,
        }));
        var badLogin = await client.PostAsync("/auth/jwt/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = email,
            ["password"] = "Wrong-Password-1",
        }));
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.JsonAsync()).GetProperty("access_token").GetString());
        var patched = await client.PatchAsync("/users/me", Json(new { password = "Second-Passphrase-22" }));

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLogin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var id = Guid.Parse((await registered.JsonAsync()).GetProperty("id").GetString()!);
        var mine = recorder.Events.Where(e => e.UserId == id).Select(e => e.Event).ToList();
        Assert.Collection(
            mine,
            e => Assert.IsType<UserRegistered>(e),
            e => Assert.IsType<UserLoggedIn>(e),
            e => Assert.Equal(["password"], Assert.IsType<UserUpdated>(e).ChangedFields));
        Assert.All(recorder.Events, e => Assert.True(e.CommittedBeforeHook));
    }

    [SkippableFact]
    public async Task AccountHooks_FireOnceEachAfterCommit_AndNeverOnFailure()
    {
        var recorder = new EventRecorder();
        await using var factory = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton(recorder);
            services.AddTransient<IDomainEventHandler<UserVerificationRequested>, RecordingHandler<UserVerificationRequested>>();
            services.AddTransient<IDomainEventHandler<UserVerified>, RecordingHandler<UserVerified>>();
            services.AddTransient<IDomainEventHandler<ForgotPasswordRequested>, RecordingHandler<ForgotPasswordRequested>>();
            services.AddTransient<IDomainEventHandler<PasswordReset>, RecordingHandler<PasswordReset>>();
            services.AddTransient<IDomainEventHandler<UserDeleting>, RecordingHandler<UserDeleting>>();
            services.AddTransient<IDomainEventHandler<UserDeleted>, RecordingHandler<UserDeleted>>();
        }));
        var client = factory.CreateClient();
        var (user, _) = await CreateUserAsync();
        var (admin, _) = await CreateUserAsync(superuser: true);

        await client.PostAsync("/auth/request-verify-token", Json(new { email = user.Email }));
        var verifyToken = recorder.Events.Select(e => e.Event).OfType<UserVerificationRequested>().Single().Token;
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/auth/verify", Json(new { token = "garbage" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/auth/verify", Json(new { token = verifyToken }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/auth/verify", Json(new { token = verifyToken }))).StatusCode);
        await client.PostAsync("/auth/forgot-password", Json(new { email = user.Email }));
        var resetToken = recorder.Events.Select(e => e.Event).OfType<ForgotPasswordRequested>().Single().Token;
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/auth/reset-password", Json(new { token = resetToken, password = "short" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/auth/reset-password", Json(new { token = resetToken, password = "Reset-Passphrase-31" }))).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(admin.Email));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/users/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/users/{user.Id}")).StatusCode);

        var mine = recorder.Events.Where(e => e.UserId == user.Id).Select(e => e.Event.GetType().Name).ToList();
        Assert.Equal(
            [nameof(UserVerificationRequested), nameof(UserVerified), nameof(ForgotPasswordRequested), nameof(PasswordReset), nameof(UserDeleting), nameof(UserDeleted)],
            mine);
        Assert.All(recorder.Events.Where(e => e.Event is not UserDeleting), e => Assert.True(e.CommittedBeforeHook));
        Assert.True(recorder.Events.Single(e => e.Event is UserDeleting).CommittedBeforeHook); // published before the delete: the user is still there
    }

    /// <summary>Records each event, and whether the change was already visible in the database when the hook ran.</summary>
    public sealed class EventRecorder
    {
        public ConcurrentQueue<(Guid UserId, IDomainEvent Event, bool CommittedBeforeHook)> Events { get; } = new();
    }

    public sealed class RecordingHandler<TEvent>(EventRecorder recorder, IServiceScopeFactory scopes) : IDomainEventHandler<TEvent>
        where TEvent : IDomainEvent
    {
        public async Task Handle(TEvent domainEvent, CancellationToken cancellationToken)
        {
            var userId = domainEvent switch
            {
                UserRegistered e => e.UserId,
                UserUpdated e => e.UserId,
                UserLoggedIn e => e.UserId,
                UserDeleted e => e.UserId,
                UserDeleting e => e.UserId,
                UserVerificationRequested e => e.UserId,
                UserVerified e => e.UserId,
                ForgotPasswordRequested e => e.UserId,
                PasswordReset e => e.UserId,
                SecurityStampRotated e => e.UserId,
                _ => Guid.Empty,
            };

            // A fresh scope reads through a new connection: it sees only what was committed.
            await using var scope = scopes.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<Application.Abstractions.Persistence.IUserRepository>()
                .FindForReadAsync(userId, cancellationToken);
            // "Committed" for UserDeleted means gone; UserDeleting runs before the delete, so the user is still there.
            var committed = domainEvent is UserDeleted ? stored is null : stored is not null;
            recorder.Events.Enqueue((userId, domainEvent, committed));
        }
    }
}

public sealed class DomainEventSqliteTests(SqliteApiFixture fixture) : DomainEventTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class DomainEventPostgresTests(PostgresApiFixture fixture) : DomainEventTests(fixture), IClassFixture<PostgresApiFixture>;
