using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Users.Infrastructure.Settings;

/// <summary>
/// Copies configuration values onto the option classes. Done by hand because the reflection binder is not a
/// dependency of this layer; a value that does not parse fails start-up with a message naming the setting.
/// </summary>
internal static class ConfigurationBinding
{
    public static void Bind(IConfiguration configuration, DatabaseOptions options)
    {
        var section = configuration.GetSection(DatabaseOptions.SectionName);
        if (section[nameof(DatabaseOptions.Provider)] is { } provider)
        {
            options.Provider = provider.Trim();
        }

        if (ReadBoolean(section, nameof(DatabaseOptions.MigrateOnStartup), typeof(DatabaseOptions)) is { } migrate)
        {
            options.MigrateOnStartup = migrate;
        }

        if (configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) is { } connectionString)
        {
            options.ConnectionString = connectionString;
        }
    }

    public static void Bind(IConfiguration configuration, AuthTokenOptions options)
    {
        var section = configuration.GetSection(AuthTokenOptions.SectionName);
        if (section[nameof(AuthTokenOptions.Secret)] is { Length: > 0 } secret)
        {
            options.Secret = secret;
        }

        if (ReadInt32(section, nameof(AuthTokenOptions.AccessTokenLifetimeSeconds), typeof(AuthTokenOptions)) is { } lifetime)
        {
            options.AccessTokenLifetimeSeconds = lifetime;
        }

        if (ReadInt32(section, nameof(AuthTokenOptions.VerifyTokenLifetimeSeconds), typeof(AuthTokenOptions)) is { } verify)
        {
            options.VerifyTokenLifetimeSeconds = verify;
        }

        if (ReadInt32(section, nameof(AuthTokenOptions.ResetPasswordTokenLifetimeSeconds), typeof(AuthTokenOptions)) is { } reset)
        {
            options.ResetPasswordTokenLifetimeSeconds = reset;
        }

        if (ReadBoolean(section, nameof(AuthTokenOptions.AcceptLegacyTokens), typeof(AuthTokenOptions)) is { } legacy)
        {
            options.AcceptLegacyTokens = legacy;
        }
    }

    public static void Bind(IConfiguration configuration, DatabaseTokenOptions options)
    {
        var section = configuration.GetSection(DatabaseTokenOptions.SectionName);
        if (ReadInt32(section, nameof(DatabaseTokenOptions.PurgeIntervalSeconds), typeof(DatabaseTokenOptions)) is { } interval)
        {
            options.PurgeIntervalSeconds = interval;
        }
    }

    public static void Bind(IConfiguration configuration, AuditOptions options)
    {
        var section = configuration.GetSection(AuditOptions.SectionName);
        if (ReadInt32(section, nameof(AuditOptions.RetentionDays), typeof(AuditOptions)) is { } days)
        {
            options.RetentionDays = days;
        }
    }

    public static void Bind(IConfiguration configuration, PasswordHashingOptions options)
    {
        var section = configuration.GetSection(PasswordHashingOptions.SectionName);
        if (section[nameof(PasswordHashingOptions.Algorithm)] is { } algorithm)
        {
            options.Algorithm = algorithm.Trim();
        }

        if (ReadInt32(section, nameof(PasswordHashingOptions.Iterations), typeof(PasswordHashingOptions)) is { } iterations)
        {
            options.Iterations = iterations;
        }

        if (ReadInt32(section, nameof(PasswordHashingOptions.MaxConcurrent), typeof(PasswordHashingOptions)) is { } concurrent)
        {
            options.MaxConcurrent = concurrent;
        }

        if (ReadInt32(section, nameof(PasswordHashingOptions.QueueLimit), typeof(PasswordHashingOptions)) is { } queue)
        {
            options.QueueLimit = queue;
        }

        var argon2 = section.GetSection(nameof(PasswordHashingOptions.Argon2));
        if (ReadInt32(argon2, nameof(Argon2Options.MemoryKiB), typeof(PasswordHashingOptions)) is { } memory)
        {
            options.Argon2.MemoryKiB = memory;
        }

        if (ReadInt32(argon2, nameof(Argon2Options.Iterations), typeof(PasswordHashingOptions)) is { } passes)
        {
            options.Argon2.Iterations = passes;
        }
    }

    /// <summary>A whole-number setting, or <c>null</c> when unset; anything else fails start-up naming the setting.</summary>
    internal static int? ReadInt32(IConfigurationSection section, string key, Type optionsType)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(optionsType, $"{section.Path}:{key} is '{raw}', which is not a whole number. Set it to a whole number.");
    }

    private static bool? ReadBoolean(IConfigurationSection section, string key, Type optionsType)
    {
        var raw = section[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return bool.TryParse(raw.Trim(), out var value)
            ? value
            : throw Invalid(optionsType, $"{section.Path}:{key} is '{raw}', which is not a boolean. Set it to 'true' or 'false'.");
    }

    private static OptionsValidationException Invalid(Type optionsType, string message) =>
        new(Options.DefaultName, optionsType, [message]);
}
