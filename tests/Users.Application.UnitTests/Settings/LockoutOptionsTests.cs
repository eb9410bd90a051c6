using Users.Application.Settings;

namespace Users.Application.UnitTests.Settings;

public sealed class LockoutOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void WaitAfter_FewerFailuresThanTheLimit_IsNoLock(int failures) => Assert.Null(new LockoutOptions().WaitAfter(failures));

    [Theory]
    [InlineData(10, 30)]
    [InlineData(11, 60)]
    [InlineData(12, 120)]
    [InlineData(14, 480)]
    [InlineData(15, 900)] // 960 capped
    [InlineData(40, 900)]
    [InlineData(int.MaxValue, 900)] // no overflow however long it goes on
    public void WaitAfter_DoublesFromTheBase_UpToTheCap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new LockoutOptions().WaitAfter(failures));

    [Fact]
    public void WaitAfter_FollowsTheSettings() =>
        Assert.Equal(TimeSpan.FromSeconds(20), new LockoutOptions { MaxFailures = 3, BaseSeconds = 5, MaxSeconds = 20 }.WaitAfter(6));
}
