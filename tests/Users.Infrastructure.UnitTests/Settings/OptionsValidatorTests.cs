using Users.Infrastructure.Settings;

namespace Users.Infrastructure.UnitTests.Settings;

public sealed class OptionsValidatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tiny")]
    [InlineData("0123456789abcdef0123456789abcde")] // 31 bytes
    public void AuthSecret_MissingOrShorterThan32Bytes_FailsWithInstructions(string? secret)
    {
        var result = new AuthTokenOptionsValidator().Validate(null, new AuthTokenOptions { Secret = secret });

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.Contains("Auth:Secret is missing or shorter than 32 bytes", message, StringComparison.Ordinal);
        Assert.Contains("Auth__Secret", message, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(secret))
        {
            Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")] // 32 ASCII bytes
    [InlineData("€€€€€€€€€€€")] // 11 characters, 33 UTF-8 bytes
    public void AuthSecret_OfAtLeast32Utf8Bytes_IsValid(string secret)
    {
        Assert.True(new AuthTokenOptionsValidator().Validate(null, new AuthTokenOptions { Secret = secret }).Succeeded);
    }

    [Fact]
    public void AuthSecret_CountsBytesNotCharacters()
    {
        var tenEuros = new AuthTokenOptions { Secret = new string('€', 10) }; // 10 characters, 30 bytes

        Assert.True(new AuthTokenOptionsValidator().Validate(null, tenEuros).Failed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AccessTokenLifetime_NotPositive_Fails(int seconds)
    {
        var options = new AuthTokenOptions { Secret = new string('s', 32), AccessTokenLifetimeSeconds = seconds };

        var result = new AuthTokenOptionsValidator().Validate(null, options);

        Assert.Contains("Auth:AccessTokenLifetimeSeconds", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(AuthTokenOptions.VerifyTokenLifetimeSeconds), 0)]
    [InlineData(nameof(AuthTokenOptions.VerifyTokenLifetimeSeconds), -1)]
    [InlineData(nameof(AuthTokenOptions.ResetPasswordTokenLifetimeSeconds), 0)]
    [InlineData(nameof(AuthTokenOptions.ResetPasswordTokenLifetimeSeconds), -3600)]
    public void ActionTokenLifetime_NotPositive_FailsNamingTheSetting(string setting, int seconds)
    {
        var options = new AuthTokenOptions { Secret = new string('s', 32) };
        typeof(AuthTokenOptions).GetProperty(setting)!.SetValue(options, seconds);

        var result = new AuthTokenOptionsValidator().Validate(null, options);

        var message = Assert.Single(result.Failures!);
        Assert.StartsWith($"Auth:{setting} is {seconds}; it must be greater than 0.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthTokens_Defaults_AreAnHourEach_AndValid()
    {
        var options = new AuthTokenOptions { Secret = new string('s', 32) };

        Assert.Equal(3600, options.AccessTokenLifetimeSeconds);
        Assert.Equal(3600, options.VerifyTokenLifetimeSeconds);
        Assert.Equal(3600, options.ResetPasswordTokenLifetimeSeconds);
        Assert.True(new AuthTokenOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void AuthTokens_EveryFailureIsReported()
    {
        var options = new AuthTokenOptions { AccessTokenLifetimeSeconds = 0, VerifyTokenLifetimeSeconds = 0, ResetPasswordTokenLifetimeSeconds = 0 };

        Assert.Equal(4, new AuthTokenOptionsValidator().Validate(null, options).Failures!.Count());
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(3600, true)]
    [InlineData(DatabaseTokenOptions.MaximumPurgeIntervalSeconds, true)]
    [InlineData(DatabaseTokenOptions.MaximumPurgeIntervalSeconds + 1, false)]
    public void PurgeInterval_MustBePositiveAndAtMost30Days(int seconds, bool valid)
    {
        var result = new DatabaseTokenOptionsValidator().Validate(null, new DatabaseTokenOptions { PurgeIntervalSeconds = seconds });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith($"Auth:DatabaseTokens:PurgeIntervalSeconds is {seconds};", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PurgeInterval_DefaultsToAnHour()
    {
        Assert.Equal(3600, new DatabaseTokenOptions().PurgeIntervalSeconds);
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("")]
    [InlineData("SqlServer")]
    public void DatabaseProvider_Unknown_FailsListingTheSupportedOnes(string provider)
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { Provider = provider });

        var message = Assert.Single(result.Failures!);
        Assert.Contains("Database:Provider", message, StringComparison.Ordinal);
        Assert.Contains("'Sqlite' or 'Postgres'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite", true)]
    [InlineData("sqlite", true)]
    [InlineData("SQLITE", true)]
    [InlineData("Postgres", false)]
    [InlineData("postgres", false)]
    public void DatabaseProvider_IsCaseInsensitive_AndDecidesTheMigrationDefault(string provider, bool migrates)
    {
        var options = new DatabaseOptions { Provider = provider };

        Assert.True(new DatabaseOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(migrates, options.ShouldMigrateOnStartup);
    }

    [Theory]
    [InlineData("Sqlite", false)]
    [InlineData("Postgres", true)]
    public void MigrateOnStartup_WhenSet_Wins(string provider, bool migrate)
    {
        Assert.Equal(migrate, new DatabaseOptions { Provider = provider, MigrateOnStartup = migrate }.ShouldMigrateOnStartup);
    }

    [Fact]
    public void Database_Defaults_AreSqliteWithUsersDb()
    {
        var options = new DatabaseOptions();

        Assert.Equal("Sqlite", options.Provider);
        Assert.Equal("Data Source=users.db", options.ConnectionString);
        Assert.True(options.ShouldMigrateOnStartup);
    }

    [Fact]
    public void ConnectionString_Blank_Fails()
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { ConnectionString = " " });

        Assert.Contains("ConnectionStrings:Users", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(600_000, true)]
    [InlineData(PasswordHashingOptions.MaximumIterations + 1, false)]
    public void Iterations_MustBePositiveAndBounded(int iterations, bool valid)
    {
        var result = new PasswordHashingOptionsValidator().Validate(null, new PasswordHashingOptions { Iterations = iterations });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Auth:PasswordHashing:Iterations", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("SHA256")]
    [InlineData("sha512")]
    [InlineData("Sha512")]
    [InlineData("argon2id")]
    [InlineData("Argon2ID")]
    public void HashingAlgorithm_Sha256OrSha512_IgnoringCase_IsValid(string algorithm)
    {
        Assert.True(new PasswordHashingOptionsValidator().Validate(null, new PasswordHashingOptions { Algorithm = algorithm }).Succeeded);
    }

    [Theory]
    [InlineData("md5")]
    [InlineData("sha1")]
    [InlineData("pbkdf2-sha512")]
    [InlineData("")]
    public void HashingAlgorithm_Unknown_FailsNamingTheSettingTheValueAndTheChoices(string algorithm)
    {
        var result = new PasswordHashingOptionsValidator().Validate(null, new PasswordHashingOptions { Algorithm = algorithm });

        Assert.Equal(
            $"Auth:PasswordHashing:Algorithm is '{algorithm}', which is not supported. Set it to 'argon2id', 'sha256' or "
            + "'sha512', or remove it to use 'argon2id'.",
            Assert.Single(result.Failures!));
    }

    [Fact]
    public void PasswordHashing_Defaults_AreArgon2idAtOwaspsCost_Pbkdf2At600000_AndAQueuePerCore_AndValid()
    {
        var options = new PasswordHashingOptions();

        Assert.Equal("argon2id", options.Algorithm);
        Assert.Equal((19_456, 2), (options.Argon2.MemoryKiB, options.Argon2.Iterations));
        Assert.Equal(600_000, options.Iterations);
        Assert.Equal((Environment.ProcessorCount, 128), (options.MaxConcurrent, options.QueueLimit));
        Assert.True(new PasswordHashingOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Argon2:MemoryKiB", 7, "between 8 and 1048576. Remove it to use 19456")]
    [InlineData("Argon2:MemoryKiB", 1_048_577, "between 8 and 1048576")]
    [InlineData("Argon2:Iterations", 0, "between 1 and 64. Remove it to use 2")]
    [InlineData("Argon2:Iterations", 65, "between 1 and 64")]
    [InlineData("MaxConcurrent", 0, "between 1 and 1024")]
    [InlineData("QueueLimit", -1, "between 0 and 100000. Remove it to use 128")]
    public void PasswordHashing_Argon2CostAndQueue_OutOfRange_FailNamingTheSetting(string key, int value, string expected)
    {
        var options = new PasswordHashingOptions();
        switch (key)
        {
            case "Argon2:MemoryKiB": options.Argon2.MemoryKiB = value; break;
            case "Argon2:Iterations": options.Argon2.Iterations = value; break;
            case "MaxConcurrent": options.MaxConcurrent = value; break;
            default: options.QueueLimit = value; break;
        }

        var failure = Assert.Single(new PasswordHashingOptionsValidator().Validate(null, options).Failures!);

        Assert.StartsWith($"Auth:PasswordHashing:{key} is {value}; it must be ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void PasswordHashing_EveryFailureIsReported()
    {
        var options = new PasswordHashingOptions { Algorithm = "md5", Iterations = 0 };

        Assert.Equal(2, new PasswordHashingOptionsValidator().Validate(null, options).Failures!.Count());
    }
}
