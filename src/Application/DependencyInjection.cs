using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Users.Application.Abstractions.Security;
using Users.Application.Common.Behaviors;
using Users.Application.Security;
using Users.Application.Users.Services;

namespace Users.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the mediator, every handler, notification handler and validator found in this assembly
    /// (and in <paramref name="extraAssemblies"/>, for hooks that live elsewhere), and the pipeline behaviors.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, params Assembly[] extraAssemblies)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();

        foreach (var assembly in extraAssemblies.Prepend(typeof(DependencyInjection).Assembly).Distinct())
        {
            RegisterClosedImplementations(services, assembly, typeof(IRequestHandler<,>));
            RegisterClosedImplementations(services, assembly, typeof(INotificationHandler<>));
            foreach (var validator in AssemblyScanner.FindValidatorsInAssembly(assembly))
            {
                services.AddSingleton(validator.InterfaceType, validator.ValidatorType); // stateless; held by the singleton behavior
            }
        }

        // MediatR 5 runs behaviors in registration order, the first outermost: logging sees validation failures too.
        // Singletons: they hold nothing per request, and every authenticated call goes through them.
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        services.AddScoped<UserCreator>();
        services.AddScoped<UserUpdater>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPasswordPolicy, DefaultPasswordPolicy>();
        return services;
    }

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
