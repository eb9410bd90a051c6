using System.Data;
using System.Data.Common;
using System.Text.Json;
using MediatR;
using Users.Application.Abstractions.Adoption;
using Users.Domain.Common;

namespace Users.Api.Cli;

/// <summary>
/// <c>adopt-fastapi-users</c>: progress on standard error, one JSON summary line on standard output; exit 0 when
/// nothing was skipped, 3 when some rows were (each listed in <c>problems</c>), 1 on an error (nothing written),
/// 2 on bad arguments.
/// </summary>
internal static class AdoptFastApiUsers
{
    public const int SomeSkipped = 3;

    public static async Task<int> RunAsync(WebApplication app, string[] args, JsonSerializerOptions output)
    {
        if (!AdoptArguments.TryParse(args, Console.In, out var command, out var problem))
        {
            await Console.Error.WriteLineAsync($"error: {problem}");
            await Console.Error.WriteLineAsync(CommandLine.Usage);
            return 2;
        }

        await CommandLine.MigrateIfConfiguredAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            var result = await mediator.Send(command with { Progress = new AdoptionProgressPrinter(Console.Error) });
            if (!result.IsSuccess)
            {
                var reason = result.Error is ValidationError validation
                    ? string.Join("; ", validation.Failures.Select(f => f.Message))
                    : result.Error.Description;
                await Console.Error.WriteLineAsync($"error: {reason}");
                return 1;
            }

            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result.Value, output));
            return result.Value.SkippedAny ? SomeSkipped : 0;
        }
        catch (Exception e) when (e is AdoptionSourceException or DbException or DataException or InvalidOperationException)
        {
            // The deployment could not be read, or our database refused the transaction, which then wrote nothing.
            await Console.Error.WriteLineAsync($"error: {e.Message} Nothing was written.");
            return 1;
        }
    }
}
