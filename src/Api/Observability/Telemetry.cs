using System.Diagnostics;
using System.Runtime.CompilerServices;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Users.Application.Common.Telemetry;

namespace Users.Api.Observability;

/// <summary>
/// OpenTelemetry, on when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter also reads the other
/// standard <c>OTEL_*</c> variables: protocol, headers, <c>OTEL_SERVICE_NAME</c>, intervals), and wholly absent when it
/// is not: no provider, no listener, no cost. Traces: ASP.NET Core requests (not the health probes), outgoing HTTP
/// (OAuth providers), Npgsql commands; metrics: the same plus the service's own (<see cref="UsersMetrics"/>).
/// Query strings are recorded with their values redacted (the instrumentations' default), so a mailed token in a link
/// never reaches a trace; SQL is recorded with parameter placeholders, never values.
/// </summary>
public static class Telemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string DefaultServiceName = "users";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.IsNullOrWhiteSpace(configuration[EndpointVariable])
            ? services.AddTraceIdsForJsonLogs(configuration)
            : services.AddOtlpExport();
    }

    // A method of its own, not inlined: OpenTelemetry's assemblies are loaded only when it runs, so a service that
    // exports nothing does not carry them in memory.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IServiceCollection AddOtlpExport(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(DefaultServiceName)) // OTEL_SERVICE_NAME, when set, wins
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter(UsersMetrics.MeterName)
                .AddOtlpExporter());
        return services;
    }

    /// <summary>
    /// JSON console logs (<c>Logging:Console:FormatterName</c> = <c>json</c>) carry each request's trace id in their
    /// scope, which is also the <c>traceId</c> of error bodies. Without OpenTelemetry nothing would start the request's
    /// activity, so a listener does, recording nothing (ids only).
    /// </summary>
    private static IServiceCollection AddTraceIdsForJsonLogs(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService<RequestActivityListener>();
        }

        return services;
    }

    /// <summary>Starts ASP.NET Core's request activities (ids only, nothing recorded) for as long as the host runs.</summary>
    private sealed class RequestActivityListener : IHostedService, IDisposable
    {
        private readonly ActivityListener _listener = new()
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };

        public Task StartAsync(CancellationToken cancellationToken)
        {
            ActivitySource.AddActivityListener(_listener);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => _listener.Dispose();
    }
}
