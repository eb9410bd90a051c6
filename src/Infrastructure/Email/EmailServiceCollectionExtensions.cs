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
    /// <see cref="QueuedEmailSender"/> as the <see cref="IEmailSender"/>, and <see cref="EmailDeliveryService"/>
    /// as a hosted service reading the same queue. A transport registered before this call is kept.
    /// </summary>
    public static IServiceCollection AddEmailDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmailOptions>().Configure(o => EmailConfigurationBinding.Bind(configuration, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new EmailQueue(sp.GetRequiredService<IOptions<EmailOptions>>().Value.QueueCapacity));
        // Chosen when first resolved (as the delivery service starts), so settings changed by later Configure calls count.
        services.TryAddSingleton(sp => EmailTransportSelector.Create(
            sp.GetRequiredService<IOptions<EmailOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EmailDeliveryService).FullName!)));
        services.AddSingleton<IEmailSender, QueuedEmailSender>();
        services.AddHostedService<EmailDeliveryService>();
        return services;
    }
}
