using System.Reflection;
using FluentValidation;
using Mapster;
using MapsterMapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Behaviors;
using Users.Application.Common.Events;
using Users.Application.Common.Mapping;
using Users.Application.OAuth;
using Users.Application.Security;
using Users.Application.Sessions;

namespace Users.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the mediator with every request handler, the validators, the domain-event hooks and the Mapster
    /// mappings found in this assembly and in <paramref name="extraAssemblies"/> (hooks and mappings that live
    /// elsewhere), and the pipeline behaviors.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, params Assembly[] extraAssemblies)
    {
        // MediatR 5.1.0 is the newest that restores here, and it has no registration helper of its own.
        // The mediator resolves handlers from the scope it was created in; its service factory is that scope's GetService.
        services.AddScoped<IMediator>(sp => new Mediator(sp.GetService!));
        services.AddScoped<IDomainEventPublisher, DomainEventPublisher>();
        services.AddScoped<RefreshTokenIssuer>();
        services.AddScoped<SessionSignIn>();
        services.AddScoped<OAuthCallbackVerifier>();

        foreach (var assembly in extraAssemblies.Prepend(typeof(DependencyInjection).Assembly).Distinct())
        {
            RegisterClosedImplementations(services, assembly, typeof(IRequestHandler<,>));
            RegisterClosedImplementations(services, assembly, typeof(IDomainEventHandler<>));
            RegisterClosedImplementations(services, assembly, typeof(ITransactionalDomainEventHandler<>));
            services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton); // stateless; held by the singleton behavior
            services.AddMappingsFrom(assembly);
        }

        // MediatR 5 runs behaviors in registration order, the first outermost: logging sees validation failures too.
        // Singletons: they hold nothing per request, and every authenticated call goes through them.
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ConcurrencyRetryBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(TransientReadRetryBehavior<,>));

        services.TryAddSingleton(sp => MappingConfiguration.Create(sp.GetServices<MappingAssembly>().Select(m => m.Assembly)));
        services.TryAddSingleton<IMapper>(sp => new Mapper(sp.GetRequiredService<TypeAdapterConfig>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPasswordPolicy, DefaultPasswordPolicy>();
        return services;
    }

    /// <summary>Adds the Mapster <see cref="IRegister"/> classes of <paramref name="assembly"/> to the one mapping configuration.</summary>
    public static IServiceCollection AddMappingsFrom(this IServiceCollection services, Assembly assembly)
    {
        services.AddSingleton(new MappingAssembly(assembly));
        return services;
    }

    /// <summary>
    /// Builds and compiles the mapping configuration now, so that a destination member left without a source stops the
    /// start-up (or a command) before anything runs, like an invalid setting.
    /// </summary>
    public static void CompileMappings(this IServiceProvider services) => _ = services.GetRequiredService<TypeAdapterConfig>();

    private static void RegisterClosedImplementations(IServiceCollection services, Assembly assembly, Type openInterface)
    {
        var types = assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false });
        foreach (var type in types)
        {
            foreach (var implemented in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface))
            {
                services.AddTransient(implemented, type);
            }
        }
    }
}
