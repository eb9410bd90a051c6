using Users.Domain.Sessions;

namespace Users.Domain.UnitTests.Sessions;

public sealed class SessionClientTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0000\u001b")]
    public void NothingWorthShowing_IsNull(string? value)
    {
        var client = new SessionClient(value, value);

        Assert.Null(client.Ip);
        Assert.Null(client.UserAgent);
    }

    [Fact]
    public void ControlCharacters_AreStripped_AndTheRestTrimmed()
    {
        var client = new SessionClient(" 203.0.113.1 ", "Agent\r\nX-Injected: 1\u0000 ");

        Assert.Equal("203.0.113.1", client.Ip);
        Assert.Equal("AgentX-Injected: 1", client.UserAgent);
    }

    [Fact]
    public void LongValues_AreCutToWhatIsStored()
    {
        var client = new SessionClient(new string('1', 100), new string('a', 2000));

        Assert.Equal(SessionClient.IpLength, client.Ip!.Length);
        Assert.Equal(SessionClient.UserAgentLength, client.UserAgent!.Length);
    }
}
