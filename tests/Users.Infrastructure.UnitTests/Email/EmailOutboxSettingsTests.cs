using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Users.Infrastructure.Mail;
using Users.Infrastructure.UnitTests.TestDoubles;

namespace Users.Infrastructure.UnitTests.Mail;

/// <summary>The outbox's settings: bound from configuration, and refused at start-up outside their ranges, naming the setting.</summary>
public sealed class EmailOutboxSettingsTests
{
    [Fact]
    public async Task Settings_AreBound_WithDefaultsForWhatIsNotSet()
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(null, ("Email:PollSeconds", "2"), ("Email:ClaimSeconds", "300")));

        var options = provider.GetRequiredService<IOptions<EmailOptions>>().Value;

        Assert.Equal((2, 300, EmailOptions.DefaultRetentionDays), (options.PollSeconds, options.ClaimSeconds, options.RetentionDays));
    }

    [Theory]
    [InlineData("Email:PollSeconds", "0", "between 1 and 300")]
    [InlineData("Email:PollSeconds", "301", "between 1 and 300")]
    [InlineData("Email:ClaimSeconds", "39", "between 40 and 3600")]
    [InlineData("Email:RetentionDays", "-1", "between 0 and 3650")]
    public async Task StartupValidation_OutOfRange_FailsNamingTheSettingAndItsRange(string setting, string value, string range)
    {
        await using var provider = InfrastructureServices.Build(TestConfiguration.Create(null, (setting, value)));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EmailOptions>>().Value);

        Assert.Contains(exception.Failures, f => f.StartsWith($"{setting} is {value}", StringComparison.Ordinal) && f.Contains(range, StringComparison.Ordinal));
    }
}
