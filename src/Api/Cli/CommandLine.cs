using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Options;
using Users.Application.Users.Commands.CreateUser;
using Users.Infrastructure;
using Users.Infrastructure.Settings;

namespace Users.Api.Cli;

/// <summary>
/// The service's command-line verbs (<c>dotnet run --project src/Api -- &lt;command&gt;</c>): they run through the
/// same application commands as the HTTP routes, print one line of result, and exit non-zero on any error.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage:
          create-user --email E (--password P | --password-stdin) [--superuser] [--verified] [--inactive]
          migrate
          adopt-fastapi-users (--from "<connection string>" | --from-stdin) --from-provider Postgres|Sqlite
                              [--user-table user] [--oauth-table oauth_account] [--token-table accesstoken] [--dry-run]
        """;

    private static readonly JsonSerializerOptions OutputOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private static readonly string[] Commands = ["create-user", "migrate", "adopt-fastapi-users"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        switch (args[0])
        {
            case "migrate":
                await app.Services.MigrateDatabaseAsync();
                await Console.Out.WriteLineAsync("Migrations applied.");
                return 0;
            case "create-user":
                return await CreateUserAsync(app, args[1..]);
            case "adopt-fastapi-users":
                return await AdoptFastApiUsers.RunAsync(app, args[1..], OutputOptions);
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> CreateUserAsync(WebApplication app, string[] args)
    {
        if (!CreateUserArguments.TryParse(args, Console.In, out var arguments, out var problem))
        {
            await Console.Error.WriteLineAsync($"error: {problem}");
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        await MigrateIfConfiguredAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        // Not a request record mapped by name: the command line sets exactly these; every other field keeps its default.
        var result = await mediator.Send(new CreateUserCommand
        {
            Email = arguments.Email,
            Password = arguments.Password,
            IsActive = arguments.IsActive,
            IsSuperuser = arguments.IsSuperuser,
            IsVerified = arguments.IsVerified,
        });
        if (!result.IsSuccess)
        {
            var reason = result.Error.Reason ?? result.Error.Description;
            if (result.Error is Domain.Common.ValidationError validation)
            {
                reason = string.Join("; ", validation.Failures.Select(f => $"{f.Location[^1]}: {f.Message}"));
            }

            await Console.Error.WriteLineAsync($"error: {result.Error.Code}: {reason}");
            return 1;
        }

        var json = JsonSerializer.Serialize(result.Value, OutputOptions);
        await Console.Out.WriteLineAsync(json);
        return 0;
    }

    internal static async Task MigrateIfConfiguredAsync(WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStartup)
        {
            await app.Services.MigrateDatabaseAsync();
        }
    }
}
