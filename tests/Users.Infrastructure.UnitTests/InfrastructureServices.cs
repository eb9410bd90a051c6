using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Users.Application.Common.Events;
using Users.Infrastructure.UnitTests.TestDoubles;

namespace Users.Infrastructure.UnitTests;

/// <summary>
/// A provider built from AddInfrastructure alone, with the two Application services it depends on, and scopes
/// validated at build time so that a lifetime mistake in the registrations fails every test that builds one.
/// </summary>
internal static class InfrastructureServices
{
    public static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => Substitute.For<IDomainEventPublisher>()); // the Application layer's, which AddApplication registers
        services.AddSingleton(TestMappings.Configuration);
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
