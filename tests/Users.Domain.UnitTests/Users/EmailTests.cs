using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Domain.UnitTests.Users;

public class EmailTests
{
    // 64 + 1 + 189 = 254: the longest accepted address (domain labels stay within DNS's 63).
    private static readonly string LongestDomain = $"{new string('b', 63)}.{new string('c', 63)}.{new string('d', 57)}.com";

    [Theory]
    [InlineData(null, "@-sign")]
    [InlineData("", "@-sign")]
    [InlineData("   ", "@-sign")]
    [InlineData("\t\n", "@-sign")]
    [InlineData("xa.com", "@-sign")]
    [InlineData("@a.com", "before the @-sign")]
    [InlineData("x@", "after the @-sign")]
    [InlineData("x@y@a.com", "invalid character")]
    [InlineData("x@com", "period")]
    [InlineData("x@localhost", "period")]
    [InlineData("x@a.test", "special-use")]
    [InlineData("x@a.local", "special-use")]
    [InlineData("x@a.invalid", "special-use")]
    [InlineData("x@a.onion", "special-use")]
    [InlineData("x@4.3.2.1.in-addr.arpa", "special-use")]
    [InlineData("x@foo.localhost", "special-use")]
    [InlineData("x@A.TEST", "special-use")]
    [InlineData("\"x\"@a.com", "Quoted")]
    [InlineData("\"john doe\"@a.com", "Quoted")]
    [InlineData("x@[1.2.3.4]", "IP")]
    [InlineData("x@[IPv6:2001:db8::1]", "IP")]
    [InlineData("x@1.2.3.4", "number")]
    [InlineData("x@a.123", "number")]
    [InlineData("x..y@a.com", "two periods")]
    [InlineData("x@a..com", "two periods")]
    [InlineData(".x@a.com", "period")]
    [InlineData("x.@a.com", "period")]
    [InlineData("x@.a.com", "period")]
    [InlineData("x@a.com.", "period")]
    [InlineData("x y@a.com", "invalid character")]
    [InlineData("x @a.com", "invalid character")]
    [InlineData("x@a b.com", "domain")]
    [InlineData("x(comment)@a.com", "invalid character")]
    [InlineData("x\\y@a.com", "invalid character")]
    [InlineData("x\u200B@a.com", "invalid character")]
    [InlineData("x@a_b.com", "domain")]
    public void Create_WithInvalidAddress_FailsWithReason(string? input, string reasonFragment)
    {
        var result = Email.Create(input);

        AssertRejected(result, reasonFragment);
    }

    [Fact]
    public void Create_LongerThan254Characters_Fails()
    {
        var input = $"{new string('a', 65)}@{LongestDomain}";
        Assert.Equal(255, input.Length);

        AssertRejected(Email.Create(input), "too long");
    }

    [Fact]
    public void Create_Exactly254Characters_Succeeds()
    {
        var input = $"{new string('a', 64)}@{LongestDomain}";
        Assert.Equal(254, input.Length);

        var result = Email.Create(input);

        Assert.True(result.IsSuccess, result.Error?.Reason);
        Assert.Equal(input, result.Value.Value);
    }

    [Fact]
    public void Create_LocalPartLongerThan64Characters_Succeeds()
    {
        var input = $"{new string('a', 100)}@a.com";

        var result = Email.Create(input);

        Assert.True(result.IsSuccess, result.Error?.Reason);
        Assert.Equal(input, result.Value.Value);
    }

    [Theory]
    [InlineData("x+tag@a.com")]
    [InlineData("first.last+tag-1@sub.a.com")]
    [InlineData("a!#$%&'*+-/=?^_`{|}~b@a.com")]
    [InlineData("josé@a.com")]
    [InlineData("用户@a.com")]
    [InlineData("x@münchen.de")]
    [InlineData("用户@例子.广告")]
    [InlineData("x@a-b.co.uk")]
    [InlineData("x@a.example")]
    public void Create_WithValidAddress_KeepsItAsTyped(string input)
    {
        var result = Email.Create(input);

        Assert.True(result.IsSuccess, result.Error?.Reason);
        Assert.Equal(input, result.Value.Value);
    }

    [Theory]
    [InlineData("  x@a.com  ", "x@a.com")]
    [InlineData("\tx@a.com\n", "x@a.com")]
    [InlineData("Name <x@a.com>", "x@a.com")]
    [InlineData("\"Jane Doe\" <x@a.com>", "x@a.com")]
    [InlineData("  Name < x@a.com >  ", "x@a.com")]
    [InlineData("<x@a.com>", "x@a.com")]
    public void Create_WithSurroundingWhitespaceOrDisplayNameForm_ReducesToAddress(string input, string expected)
    {
        var result = Email.Create(input);

        Assert.True(result.IsSuccess, result.Error?.Reason);
        Assert.Equal(expected, result.Value.Value);
    }

    [Fact]
    public void Create_WithUpperCase_LowerCasesDomainOnlyInValueAndEverythingInNormalized()
    {
        var email = Email.Create("John.Doe@Example.COM").Value;

        Assert.Equal("John.Doe@example.com", email.Value);
        Assert.Equal("john.doe@example.com", email.Normalized);
        Assert.Equal("John.Doe@example.com", email.ToString());
    }

    [Fact]
    public void Create_WithUpperCaseUnicodeDomain_LowerCasesIt()
    {
        var email = Email.Create("Jörg@MÜNCHEN.DE").Value;

        Assert.Equal("Jörg@münchen.de", email.Value);
        Assert.Equal("jörg@münchen.de", email.Normalized);
    }

    [Theory]
    [InlineData("Jose\u0301@a.com", "Jos\u00e9@a.com")]
    [InlineData("x@cafe\u0301.com", "x@caf\u00e9.com")]
    public void Create_WithDecomposedCharacters_NormalizesToNfc(string input, string expected)
    {
        var result = Email.Create(input);

        Assert.True(result.IsSuccess, result.Error?.Reason);
        Assert.Equal(expected, result.Value.Value);
        Assert.True(result.Value.Value.IsNormalized());
    }

    [Theory]
    [InlineData("x@xn--bcher-kva.example")]
    [InlineData("x@XN--BCHER-KVA.EXAMPLE")]
    [InlineData("x@bücher.example")]
    public void Create_WithIdnaDomain_StoresItInUnicode(string input)
    {
        var result = Email.Create(input);

        Assert.True(result.IsSuccess, result.Error?.Reason);
        Assert.Equal("x@bücher.example", result.Value.Value);
    }

    [Fact]
    public void Create_WithIdnaSpecialUseDomain_Fails()
    {
        AssertRejected(Email.Create("x@xn--bcher-kva.test"), "special-use");
    }

    [Fact]
    public void Create_TwoAddressesDifferingOnlyInCase_HaveEqualNormalized()
    {
        var lower = Email.Create("john@example.com").Value;
        var mixed = Email.Create("JOHN@Example.Com").Value;

        Assert.Equal(lower.Normalized, mixed.Normalized);
        Assert.NotEqual(lower.Value, mixed.Value);
    }

    [Fact]
    public void Equals_ComparesTheStoredValue()
    {
        var a = Email.Create("x@A.com").Value;
        var b = Email.Create("  x@a.COM ").Value;
        var c = Email.Create("X@a.com").Value;

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void FromTrustedStorage_KeepsValueAndDerivesNormalized()
    {
        var email = Email.FromTrustedStorage("John@example.com");

        Assert.Equal("John@example.com", email.Value);
        Assert.Equal("john@example.com", email.Normalized);
    }

    [Theory]
    [InlineData("  John.Doe@Example.COM ", "john.doe@example.com")]
    [InlineData("Name <John@Example.com>", "john@example.com")]
    [InlineData("x@xn--bcher-kva.example", "x@bücher.example")]
    public void NormalizeForLookup_WithValidAddress_ReturnsNormalized(string input, string expected)
    {
        Assert.Equal(expected, Email.NormalizeForLookup(input));
    }

    [Theory]
    [InlineData("  Not An Email ", "not an email")]
    [InlineData("John@Localhost", "john@localhost")]
    public void NormalizeForLookup_WithInvalidAddress_ReturnsTrimmedLowerCase(string input, string expected)
    {
        Assert.Equal(expected, Email.NormalizeForLookup(input));
    }

    private static void AssertRejected(Result<Email> result, string reasonFragment)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal("INVALID_EMAIL", result.Error.Code);
        Assert.Equal(ErrorKind.Validation, result.Error.Kind);
        var reason = result.Error.Reason;
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.True(char.IsUpper(reason[0]), $"Reason should start like a sentence: '{reason}'");
        Assert.EndsWith(".", reason, StringComparison.Ordinal);
        Assert.Contains(reasonFragment, reason, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }
}
