using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Users.Infrastructure.Persistence.DesignTime;

/// <summary>
/// Used by <c>dotnet ef</c> only. <c>migrations add</c> never connects; <c>database update</c> uses
/// the environment variable <c>USERS_DESIGN_SQLITE</c> or a <c>users.db</c> in the current directory.
/// </summary>
public sealed class SqliteUsersDbContextFactory : IDesignTimeDbContextFactory<SqliteUsersDbContext>
{
    public const string EnvironmentVariable = "USERS_DESIGN_SQLITE";

    public SqliteUsersDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : "Data Source=users.db";
        var options = new DbContextOptionsBuilder<SqliteUsersDbContext>().UseSqlite(connectionString).Options;
        return new SqliteUsersDbContext(options);
    }
}
