using Microsoft.Extensions.Options;

namespace Users.Infrastructure.Settings;

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(2);
        if (!options.IsSqlite && !options.IsPostgres)
        {
            failures.Add(
                $"Database:Provider is '{options.Provider}', which is not supported. "
                + $"Set it to '{DatabaseOptions.SqliteProvider}' or '{DatabaseOptions.PostgresProvider}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add(
                "ConnectionStrings:Users is empty. Set it to the database's connection string (for example with the "
                + $"environment variable ConnectionStrings__Users), or remove it to use '{DatabaseOptions.DefaultConnectionString}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
