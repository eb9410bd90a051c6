using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Users.Api;
using Users.Api.Cli;
using Users.Application;
using Users.Infrastructure;
using Users.Infrastructure.Settings;

var isCommand = CommandLine.IsCommand(args);
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);
if (isCommand)
{
    // A command's standard output is its result (one line of JSON); logs go to standard error.
    builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}

try
{
    // Some settings shape the services themselves (backends, trusted proxies), so a bad one can stop the start here.
    builder.Services
        .AddApplication(typeof(Users.Infrastructure.DependencyInjection).Assembly) // hooks that live in Infrastructure
        .AddInfrastructure(builder.Configuration)
        .AddApi(builder.Configuration);

    var app = builder.Build();

    // Check every setting and every mapping now, so a bad configuration stops the service (or a command) before it does anything.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    app.Services.CompileMappings();
    if (isCommand)
    {
        return await CommandLine.RunAsync(app, args);
    }

    if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStartup)
    {
        await app.Services.MigrateDatabaseAsync();
    }

    app.UseApi();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (ConfigurationErrors.TryDescribe(e, out var problems))
{
    await Console.Error.WriteLineAsync("The service cannot start because its configuration is invalid:");
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync($"  - {problem}");
    }

    return 1;
}

/// <summary>The entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
