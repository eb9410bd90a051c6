using BenchmarkDotNet.Attributes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Users.Application;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Users;
using Users.Application.Users.Queries.GetCurrentUser;
using Users.Domain.Common;
using Users.Domain.Sessions;

namespace Users.Bench.Micro;

/// <summary>
/// GetCurrentUserQuery through the real AddApplication() pipeline (logging + validation behaviors), the real JWT
/// strategy (a token of a session) and an in-memory repository and access reader (every session live), against
/// calling the handler directly: what the mediator itself costs.
/// "Info" is the service's default log level (the logging behavior formats one line per request); "Off" is Warning.
/// </summary>
[MemoryDiagnoser]
public class MediatorBenchmarks
{
    private ServiceProvider _info = null!;
    private ServiceProvider _off = null!;
    private IServiceScope _heldInfoScope = null!;
    private IServiceScope _heldOffScope = null!;
    private IMediator _heldInfo = null!;
    private IMediator _heldOff = null!;
    private GetCurrentUserQueryHandler _handler = null!;
    private GetCurrentUserQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        var repository = new InMemoryUserRepository();
        var user = BenchSupport.NewUser(1);
        repository.Seed(user);
        var session = Session.Start(user, "jwt", new SessionClient("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"), TimeProvider.System.GetUtcNow());
        var jwt = BenchSupport.CreateJwt();
        _query = new GetCurrentUserQuery(jwt.Issue(user, session).Value);

        _info = Build(repository, information: true);
        _off = Build(repository, information: false);
        _heldInfoScope = _info.CreateScope();
        _heldOffScope = _off.CreateScope();
        _heldInfo = _heldInfoScope.ServiceProvider.GetRequiredService<IMediator>();
        _heldOff = _heldOffScope.ServiceProvider.GetRequiredService<IMediator>();
        _handler = new GetCurrentUserQueryHandler([jwt], repository, TimeProvider.System);

        foreach (var result in new[] { HandlerDirect(), SendHeldScopeOff(), SendHeldScopeInfo(), SendScopePerRequestInfo(), SendScopePerRequestOff() })
        {
            if (result.GetAwaiter().GetResult() is not { IsSuccess: true } ok || ok.Value.User.Id != user.Id || ok.Value.SessionId != session.Id)
            {
                throw new InvalidOperationException("GetCurrentUserQuery did not resolve the seeded user and its session.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _heldInfoScope.Dispose();
        _heldOffScope.Dispose();
        _info.Dispose();
        _off.Dispose();
    }

    [Benchmark(Baseline = true, Description = "handler.Handle (no mediator)")]
    public Task<Result<UserAccess>> HandlerDirect() => _handler.Handle(_query, default);

    [Benchmark(Description = "mediator.Send, held scope, log Off")]
    public Task<Result<UserAccess>> SendHeldScopeOff() => _heldOff.Send(_query, default);

    [Benchmark(Description = "mediator.Send, held scope, log Info")]
    public Task<Result<UserAccess>> SendHeldScopeInfo() => _heldInfo.Send(_query, default);

    [Benchmark(Description = "new scope + resolve + Send, log Off")]
    public Task<Result<UserAccess>> SendScopePerRequestOff() => SendInNewScope(_off);

    [Benchmark(Description = "new scope + resolve + Send, log Info")]
    public Task<Result<UserAccess>> SendScopePerRequestInfo() => SendInNewScope(_info);

    private async Task<Result<UserAccess>> SendInNewScope(ServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(_query, default);
    }

    private static ServiceProvider Build(InMemoryUserRepository repository, bool information)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => BenchSupport.ConfigureLogging(logging, information));
        services.AddApplication(typeof(Users.Infrastructure.DependencyInjection).Assembly);
        services.AddSingleton<IAccessTokenStrategy>(sp => BenchSupport.CreateJwt(sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IUserRepository>(repository);
        services.AddSingleton<IUserAccessReader>(repository);
        return services.BuildServiceProvider();
    }
}
