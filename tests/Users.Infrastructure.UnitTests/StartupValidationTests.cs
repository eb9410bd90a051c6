using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Users.Application.Abstractions.Persistence;
using Users.Infrastructure.Settings;
using Users.Infrastructure.UnitTests.TestDoubles;

namespace Users.Infrastructure.UnitTests;

/// <summary>Settings that cannot work are refused naming the setting: by the start-up validation, and again by any service that needs them.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task StartupValidation_WithAnUnknownHashingAlgorithm_FailsNamingTheSettingAndTheChoices()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(null, ("Auth:PasswordHashing:Algorithm", "argon2")));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, f => f.StartsWith("Auth:PasswordHashing:Algorithm is 'argon2'", StringComparison.Ordinal)
            && f.Contains("'sha256' or 'sha512'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartupValidation_WithoutSecret_FailsWithTheInstruction()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(null, ("Auth:Secret", null)));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(AuthTokenOptionsValidator.SecretMessage, exception.Failures);
    }

    [Fact]
    public async Task StartupValidation_WithUnknownProvider_FailsNamingTheChoices()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(null, ("Database:Provider", "Oracle")));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, f => f.Contains("'Oracle'", StringComparison.Ordinal) && f.Contains("'Sqlite' or 'Postgres'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownProvider_ResolvingTheContext_FailsWithTheValidationMessage()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(null, ("Database:Provider", "Oracle")));
        await using var scope = provider.CreateAsyncScope();

        var exception = Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<IUserRepository>());

        Assert.Contains(exception.Failures, f => f.Contains("Database:Provider", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Auth:AccessTokenLifetimeSeconds", "an hour")]
    [InlineData("Auth:VerifyTokenLifetimeSeconds", "1h")]
    [InlineData("Auth:ResetPasswordTokenLifetimeSeconds", "3600.5")]
    [InlineData("Auth:DatabaseTokens:PurgeIntervalSeconds", "hourly")]
    [InlineData("Auth:PasswordHashing:Iterations", "1e6")]
    [InlineData("Database:MigrateOnStartup", "yes")]
    public async Task StartupValidation_WithAnUnparseableValue_FailsNamingTheSetting(string key, string value)
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(null, (key, value)));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, f => f.StartsWith($"{key} is '{value}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Auth:VerifyTokenLifetimeSeconds", "0")]
    [InlineData("Auth:ResetPasswordTokenLifetimeSeconds", "-5")]
    [InlineData("Auth:DatabaseTokens:PurgeIntervalSeconds", "0")]
    public async Task StartupValidation_WithANonPositiveTokenSetting_FailsNamingIt(string key, string value)
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(null, (key, value)));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, f => f.StartsWith($"{key} is {value};", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartupValidation_WithValidSettings_Passes()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create());

        provider.GetRequiredService<IStartupValidator>().Validate();
    }
}
