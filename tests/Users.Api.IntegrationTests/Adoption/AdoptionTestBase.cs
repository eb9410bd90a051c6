using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Api.IntegrationTests.Infrastructure;
using Users.Application.Abstractions.Adoption;
using Users.Application.Adoption.Commands.AdoptFastApiUsers;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Adoption;

/// <summary>Runs the adoption in the service's own process (through the mediator, as the command line does) and reads what it wrote.</summary>
public abstract class AdoptionTestBase(ApiFixture fixture) : ApiTestBase(fixture)
{
    protected DatabaseProvider Provider => Fixture.Provider;

    protected async Task<FastApiUsersDeployment> DeploymentAsync(string? connectionString = null)
    {
        Fixture.SkipIfUnavailable();
        return await FastApiUsersDeployment.CreateAsync(Provider, connectionString);
    }

    protected async Task<AdoptionSummary> AdoptAsync(
        FastApiUsersDeployment deployment, bool dryRun = false, IProgress<AdoptionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = await Factory.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(
            new AdoptFastApiUsersCommand
            {
                ConnectionString = deployment.ConnectionString,
                Provider = deployment.Provider.ToString(),
                UserTable = deployment.UserTable,
                DryRun = dryRun,
                Progress = progress,
            },
            cancellationToken));
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Description);
        return result.Value;
    }

    protected Task<T> InDatabaseAsync<T>(Func<UsersDbContext, Task<T>> query) =>
        Factory.InScopeAsync(sp => query(sp.GetRequiredService<UsersDbContext>()));

    protected Task<Domain.Users.User?> StoredUserAsync(Guid id) =>
        InDatabaseAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id));

    protected static string UniqueEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.com";

}
