using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Mail;

namespace Users.Infrastructure.Mail;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers mail delivery: the <c>Email</c> settings (validated at start), the transport they choose,
    /// <see cref="EmailOutbox"/> as the <see cref="IEmailOutbox"/> (rows in the request's unit of work), and
    /// <see cref="OutboxDeliveryService"/> as a hosted service delivering them. A transport registered before this call
    /// is kept. Needs the database context and Data Protection (both registered by <c>AddInfrastructure</c>).
    /// </summary>
    public static IServiceCollection AddEmailDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmailOptions>().Configure(o => EmailConfigurationBinding.Bind(configuration, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxStore>();
        // Chosen when first resolved (as the delivery service starts), so settings changed by later Configure calls count.
        services.TryAddSingleton(sp => EmailTransportSelector.Create(
            sp.GetRequiredService<IOptions<EmailOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OutboxDeliveryService).FullName!)));
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddSingleton<OutboxDeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDeliveryService>());
        return services;
    }
}
