using Microsoft.Extensions.Configuration;

namespace Users.Infrastructure.UnitTests.TestDoubles;

internal static class TestConfiguration
{
    public const string Secret = "a-test-secret-that-is-longer-than-32-bytes";

    /// <summary>Valid settings for SQLite at <paramref name="connectionString"/>, with fast hashing, plus any overrides.</summary>
    public static IConfiguration Create(string? connectionString = null, params (string Key, string? Value)[] overrides)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Auth:Secret"] = Secret,
            ["Auth:PasswordHashing:Iterations"] = "1000",
            ["Auth:PasswordHashing:Argon2:MemoryKiB"] = "64",
            ["Auth:PasswordHashing:Argon2:Iterations"] = "1",
        };
        if (connectionString is not null)
        {
            values["ConnectionStrings:Users"] = connectionString;
        }

        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
