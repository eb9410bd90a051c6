using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application.Abstractions.Adoption;
using Users.Application.Abstractions.OAuth;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Events;
using Users.Application.Settings;

namespace Users.Application.UnitTests.TestSupport;

/// <summary>
/// The real Application registration (<c>AddApplication</c>) with every port a substitute from <see cref="Ports"/>,
/// and a mediator and an event publisher resolved from a scope as ASP.NET Core would per request. An
/// <see cref="EventRecorder"/> is registered (scoped) for the test hook of this assembly.
/// </summary>
public sealed class ApplicationHost : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IServiceScope _scope;

    public ApplicationHost(Action<IServiceCollection>? configure = null, params Assembly[] extraAssemblies)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Ports.Users);
        services.AddSingleton(Ports.Access);
        services.AddSingleton(Ports.Sessions);
        services.AddSingleton(Ports.Audit);
        services.AddSingleton(Ports.RefreshTokens);
        services.AddSingleton(Ports.RefreshCodec);
        services.AddSingleton(Ports.UnitOfWork);
        services.AddSingleton(Ports.Hasher);
        services.AddSingleton(Ports.Policy);
        services.AddSingleton<IAccessTokenStrategy>(Ports.AccessTokens);
        services.AddSingleton(Ports.CommonPasswords);
        services.AddSingleton(Ports.ActionTokens);
        services.AddSingleton(Ports.Throttle);
        services.AddSingleton(Ports.RateLimits);
        services.AddSingleton(Ports.EmailOutbox);
        services.AddSingleton(Substitute.For<IOAuthStateTokens>());
        services.AddSingleton(Substitute.For<IOAuthProviderClient>());
        services.AddSingleton(Substitute.For<IProviderTokenProtector>());
        services.AddSingleton(Substitute.For<IFastApiUsersReader>());
        services.AddSingleton(Substitute.For<IAdoptionStore>());
        services.AddSingleton(Substitute.For<IDatabaseErrorClassifier>());
        services.AddSingleton(Options.Create(new OAuthOptions()));
        services.AddSingleton<TimeProvider>(Ports.Time);
        services.AddSingleton(Options.Create(new UserManagementOptions()));
        services.AddScoped<EventRecorder>();
        configure?.Invoke(services);
        services.AddApplication(extraAssemblies);

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _scope = _provider.CreateScope();
    }

    public Ports Ports { get; } = new();

    public IMediator Mediator => _scope.ServiceProvider.GetRequiredService<IMediator>();

    public IDomainEventPublisher Events => _scope.ServiceProvider.GetRequiredService<IDomainEventPublisher>();

    /// <summary>What the test hook received in this host's scope.</summary>
    public EventRecorder Recorder => _scope.ServiceProvider.GetRequiredService<EventRecorder>();

    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>Another request's scope.</summary>
    public IServiceScope CreateScope() => _provider.CreateScope();

    public void Dispose()
    {
        _scope.Dispose();
        _provider.Dispose();
    }
}
