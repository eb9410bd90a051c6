using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application.Abstractions.Security;
using Users.Application.Security;
using Users.Application.Settings;

namespace Users.Application.UnitTests.Security;

public sealed class DefaultPasswordPolicyTests
{
    private const string Email = "Alice.Smith@example.com";
    private const string Emoji = "\U0001F600"; // one code point, two UTF-16 units
    private const string DecomposedE = "e\u0301"; // two code points, one (é) after NFC

    private readonly ICommonPasswordList _commonPasswords = Substitute.For<ICommonPasswordList>();
    private readonly UserManagementOptions _options = new();

    private ValueTask<string?> Check(string password, string? email = Email) =>
        new DefaultPasswordPolicy(Options.Create(_options), _commonPasswords).CheckAsync(password, email, CancellationToken.None);

    private static void AssertHumanReason(string? reason, string expectedFragment)
    {
        Assert.NotNull(reason);
        Assert.StartsWith("Password ", reason, StringComparison.Ordinal);
        Assert.Contains(expectedFragment, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567")]
    [InlineData("abcde" + Emoji + Emoji)] // 7 code points, 9 UTF-16 units
    [InlineData("abcdef" + DecomposedE)] // 8 UTF-16 units, 7 code points after NFC
    public async Task Check_BelowMinimumLength_RejectsWithMinimumInReason(string password) =>
        AssertHumanReason(await Check(password), "at least 8 characters");

    [Theory]
    [InlineData("Correct\0Horse-Battery-9")] // NUL
    [InlineData("Correct\tHorse-Battery-9")]
    [InlineData("Correct-Horse-Battery-9\n")]
    [InlineData("Correct\u0001Horse-Battery-9")]
    [InlineData("Correct\u007FHorse-Battery-9")] // DEL
    [InlineData("Correct\u0085Horse-Battery-9")] // C1 next line
    [InlineData("\0")] // refused for the characters, before its length
    public async Task Check_WithAControlCharacter_RejectsSayingSo(string password) =>
        AssertHumanReason(await Check(password), "control characters");

    [Theory]
    [InlineData("Correct Horse Battery 9")] // spaces are printing characters
    [InlineData("Correct\u200DHorse-Battery-9")] // a zero-width joiner is a format character, not a control
    [InlineData("Ünïcödé-Pässwörd-9")]
    public async Task Check_WithPrintingAndFormatCharacters_Accepts(string password) => Assert.Null(await Check(password));

    [Theory]
    [InlineData("12345678")]
    [InlineData("abcdefg" + Emoji)]
    [InlineData("abcdefg" + DecomposedE)]
    public async Task Check_AtMinimumLength_Accepts(string password) => Assert.Null(await Check(password));

    [Fact]
    public async Task Check_AtMaximumLengthCountedInCodePoints_Accepts()
    {
        Assert.Null(await Check(new string('a', 128)));
        Assert.Null(await Check(new string('a', 127) + Emoji));
        Assert.Null(await Check(new string('a', 127) + DecomposedE));
    }

    [Theory]
    [InlineData(129, "")]
    [InlineData(128, Emoji)]
    [InlineData(128, DecomposedE)]
    public async Task Check_AboveMaximumLength_RejectsWithMaximumInReason(int letters, string tail) =>
        AssertHumanReason(await Check(new string('a', letters) + tail), "at most 128 characters");

    [Theory]
    [InlineData("Alice.Smith@example.com")]
    [InlineData("ALICE.SMITH@EXAMPLE.COM")]
    [InlineData("alice.smith")]
    [InlineData("ALICE.SMITH")]
    public async Task Check_EqualToEmailOrItsLocalPartIgnoringCase_Rejects(string password) =>
        AssertHumanReason(await Check(password), "email");

    [Fact]
    public async Task Check_ContainingButNotEqualToLocalPart_Accepts() => Assert.Null(await Check("alice.smith-2025"));

    [Fact]
    public async Task Check_WithoutEmail_SkipsTheEmailRule() => Assert.Null(await Check("alice.smith", email: null));

    [Fact]
    public async Task Check_OnCommonPasswordList_RejectsAsTooCommon()
    {
        _commonPasswords.Contains("password1").Returns(true);

        AssertHumanReason(await Check("password1"), "too common");
    }

    [Fact]
    public async Task Check_AsksCommonListWithTheNfcForm()
    {
        _commonPasswords.Contains(Arg.Any<string>()).Returns(call => call.Arg<string>() == "caf\u00e9-caf\u00e9");

        AssertHumanReason(await Check("caf" + DecomposedE + "-caf" + DecomposedE), "too common");
    }

    [Fact]
    public async Task Check_WithConfiguredMinimumLength_AppliesIt()
    {
        _options.Password.MinLength = 15;

        AssertHumanReason(await Check("fourteen-chars"), "at least 15 characters");
        Assert.Null(await Check("fifteen-chars!!"));
    }

    [Fact]
    public async Task Check_WithLoneSurrogate_RejectsWithReason() => AssertHumanReason(await Check("abcdefgh\ud800"), "invalid characters");
}
