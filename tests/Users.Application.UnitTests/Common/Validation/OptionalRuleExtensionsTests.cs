using FluentValidation.Results;
using Users.Domain.Common;

namespace Users.Application.UnitTests.Common.Validation;

/// <summary>The rules for optional members, through <see cref="ProfileChangeValidator"/>: an unset member passes every rule.</summary>
public sealed class OptionalRuleExtensionsTests
{
    private const string Emoji = "\U0001F600"; // one code point, two UTF-16 units

    private static readonly ProfileChangeValidator Validator = new();

    private static ValidationFailure SingleFailure(ProfileChange change)
    {
        var result = Validator.Validate(change);

        Assert.False(result.IsValid, "expected a failure");
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Validate_WithEveryMemberUnset_Passes() => Assert.True(Validator.Validate(new ProfileChange()).IsValid);

    [Fact]
    public void Validate_WithEveryMemberSetToAValidValue_Passes()
    {
        var change = new ProfileChange { Email = "alice@example.com", DisplayName = "Alice", Flag = false };

        Assert.True(Validator.Validate(change).IsValid);
    }

    [Fact]
    public void NotNullWhenSet_AddressSetToNull_FailsStringTypeSayingItShouldNotBeNull()
    {
        // MustBeValidEmail leaves a null to this rule: one failure, not two.
        var failure = SingleFailure(new ProfileChange { Email = OptionalValue.Of<string?>(null) });

        Assert.Equal(nameof(ProfileChange.Email), failure.PropertyName);
        Assert.Equal("string_type", failure.ErrorCode);
        Assert.Equal("Input should not be null", failure.ErrorMessage);
    }

    [Fact]
    public void NotNullWhenSet_FlagSetToNull_FailsStringTypeSayingItShouldNotBeNull()
    {
        var failure = SingleFailure(new ProfileChange { Flag = OptionalValue.Of<bool?>(null) });

        Assert.Equal(nameof(ProfileChange.Flag), failure.PropertyName);
        Assert.Equal("string_type", failure.ErrorCode);
        Assert.Equal("Input should not be null", failure.ErrorMessage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NotNullWhenSet_FlagSetToAValue_Passes(bool flag) =>
        Assert.True(Validator.Validate(new ProfileChange { Flag = flag }).IsValid);

    [Fact]
    public void MaximumLength_ClearableMemberSetToNull_Passes() =>
        Assert.True(Validator.Validate(new ProfileChange { DisplayName = OptionalValue.Of<string?>(null) }).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("abcde")]
    [InlineData(Emoji + Emoji + Emoji + Emoji + Emoji)] // 5 code points, 10 UTF-16 units
    public void MaximumLength_AtMostTheMaximumInCodePoints_Passes(string displayName) =>
        Assert.True(Validator.Validate(new ProfileChange { DisplayName = displayName }).IsValid);

    [Theory]
    [InlineData("abcdef")]
    [InlineData("abcd" + Emoji + Emoji)] // 6 code points
    public void MaximumLength_AboveTheMaximum_FailsStringTooLongSayingTheMaximum(string displayName)
    {
        var failure = SingleFailure(new ProfileChange { DisplayName = displayName });

        Assert.Equal(nameof(ProfileChange.DisplayName), failure.PropertyName);
        Assert.Equal("string_too_long", failure.ErrorCode);
        Assert.Equal("String should have at most 5 characters", failure.ErrorMessage);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    [InlineData("bob@localhost")]
    [InlineData("bob..smith@example.com")]
    public void MustBeValidEmail_SetToAnInvalidAddress_FailsValueErrorSayingWhy(string email)
    {
        var failure = SingleFailure(new ProfileChange { Email = email });

        Assert.Equal(nameof(ProfileChange.Email), failure.PropertyName);
        Assert.Equal("value_error", failure.ErrorCode);
        Assert.StartsWith("value is not a valid email address: ", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.True(failure.ErrorMessage.Length > "value is not a valid email address: ".Length, "the message should say why");
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("  Alice.Smith@EXAMPLE.com ")]
    public void MustBeValidEmail_SetToAnAddressTheDomainAccepts_Passes(string email) =>
        Assert.True(Validator.Validate(new ProfileChange { Email = email }).IsValid);
}
