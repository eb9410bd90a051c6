using System.Security.Cryptography;
using Users.Infrastructure.Security;

namespace Users.Infrastructure.UnitTests.Security;

public sealed class ZxcvbnCommonPasswordListTests
{
    private readonly ZxcvbnCommonPasswordList _list = new();

    [Fact]
    public void HoldsTheWholeEmbeddedList()
    {
        Assert.InRange(ZxcvbnCommonPasswordList.Count, 10_000, 30_000);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("PassWord")]
    [InlineData("123456")]
    [InlineData("qwerty")]
    [InlineData("iloveyou")]
    [InlineData("baseball")]
    public void ContainsCommonPasswords_IgnoringCase(string password)
    {
        Assert.True(_list.Contains(password));
    }

    [Fact]
    public void DoesNotContainARandomPassword()
    {
        var random = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 20);

        Assert.False(_list.Contains(random));
        Assert.False(_list.Contains(string.Empty));
        Assert.False(_list.Contains(" password"));
    }
}
