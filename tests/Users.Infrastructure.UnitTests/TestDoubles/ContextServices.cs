using Users.Infrastructure.Persistence;

namespace Users.Infrastructure.UnitTests.TestDoubles;

/// <summary>A request scope that holds one context, for constructing services that resolve it on first use.</summary>
internal sealed class ContextServices(UsersDbContext db) : IServiceProvider
{
    public object? GetService(Type serviceType) => serviceType == typeof(UsersDbContext) ? db : null;
}
