using System.Runtime.CompilerServices;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>Process-wide settings for the many service hosts this test assembly starts.</summary>
internal static class TestHostDefaults
{
    /// <summary>
    /// No configuration file watching: every host would otherwise hold inotify instances for its settings files, and
    /// the tests that start hosts of their own (hooks, races, configured backends) exhaust the per-user limit of 128.
    /// The tests never change a settings file while a host runs.
    /// </summary>
    [ModuleInitializer]
    internal static void Apply() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
