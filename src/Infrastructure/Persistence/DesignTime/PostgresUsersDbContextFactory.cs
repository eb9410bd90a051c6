using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Users.Infrastructure.Persistence.DesignTime;

/// <summary>
/// Used by <c>dotnet ef</c> only. <c>migrations add</c> never connects; <c>database update</c> uses
/// the environment variable <c>USERS_DESIGN_POSTGRES</c> or a local server's <c>users</c> database.
/// </summary>
public sealed class PostgresUsersDbContextFactory : IDesignTimeDbContextFactory<PostgresUsersDbContext>
{
    public const string EnvironmentVariable = "USERS_DESIGN_POSTGRES";

    public PostgresUsersDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : "Host=localhost;Port=5432;Database=users;Username=postgres";
        var options = new DbContextOptionsBuilder<PostgresUsersDbContext>().UseNpgsql(connectionString).Options;
        return new PostgresUsersDbContext(options);
    }
}
