using NSubstitute;
using Users.Application.Abstractions.OAuth;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Users;

namespace Users.Application.UnitTests.OAuth;

/// <summary>The callback checks, in the contract's order; nothing reaches the provider before the state and cookie pass.</summary>
public sealed class OAuthCallbackVerifierTests
{
    private readonly OAuthPorts _oauth = new();

    [Fact]
    public async Task AProviderError_IsAnsweredWithItsCode_BeforeAnythingElse()
    {
        var result = await _oauth.Verifier.VerifyAsync(OAuthPorts.Callback(code: null, error: "access_denied", state: null), null, CancellationToken.None);

        ResultAssert.Failed(result, "access_denied");
        _oauth.ReceivedNoExchange();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task NoCode_IsABareBadRequest(string? code)
    {
        ResultAssert.Failed(await _oauth.Verifier.VerifyAsync(OAuthPorts.Callback(code: code), null, CancellationToken.None), "Bad Request");
        _oauth.ReceivedNoExchange();
    }

    [Theory]
    [InlineData(OAuthStateOutcome.Invalid, "ACCESS_TOKEN_DECODE_ERROR")]
    [InlineData(OAuthStateOutcome.Expired, "ACCESS_TOKEN_ALREADY_EXPIRED")]
    public async Task AStateThatIsNotValid_IsRefused(OAuthStateOutcome outcome, string code)
    {
        _oauth.States.ReadAsync("other-state").Returns(new OAuthStateReading(outcome));

        ResultAssert.Failed(await _oauth.Verifier.VerifyAsync(OAuthPorts.Callback(state: "other-state"), null, CancellationToken.None), code);
        _oauth.ReceivedNoExchange();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("csrf-token-of-another-browser")]
    public async Task ACsrfCookieThatIsNotTheStates_IsRefused(string? cookie)
    {
        ResultAssert.Failed(await _oauth.Verifier.VerifyAsync(OAuthPorts.Callback(csrf: cookie), null, CancellationToken.None), "OAUTH_INVALID_STATE");
        _oauth.ReceivedNoExchange();
    }

    [Fact]
    public async Task Associating_AStateOfAnotherUser_IsABareBadRequest()
    {
        _oauth.StateFor(Guid.NewGuid());

        ResultAssert.Failed(await _oauth.Verifier.VerifyAsync(OAuthPorts.Callback(), Guid.NewGuid(), CancellationToken.None), "Bad Request");
        _oauth.ReceivedNoExchange();
    }

    [Fact]
    public async Task Associating_AStateWithoutAUser_IsABareBadRequest()
    {
        ResultAssert.Failed(await _oauth.Verifier.VerifyAsync(OAuthPorts.Callback(), Guid.NewGuid(), CancellationToken.None), "Bad Request");
    }

    [Fact]
    public async Task AProviderFailure_IsPassedOn()
    {
        _oauth.ProviderFails(OAuthErrors.ProviderTimeout);

        ResultAssert.Failed(await _oauth.Verifier.VerifyAsync(OAuthPorts.Callback(), null, CancellationToken.None), "OAUTH_PROVIDER_TIMEOUT");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not an address")]
    [InlineData("someone@machine.local")]
    public async Task NoUsableAddress_IsNotAvailableEmail(string? email)
    {
        _oauth.ProviderSays("acct-1", email, emailVerified: true);

        ResultAssert.Failed(await _oauth.Verifier.VerifyAsync(OAuthPorts.Callback(), null, CancellationToken.None), "OAUTH_NOT_AVAILABLE_EMAIL");
    }

    [Fact]
    public async Task AllChecksPassed_GivesTheNormalizedIdentity_TheVerificationAndTheTokensInClear()
    {
        var userId = Guid.NewGuid();
        _oauth.StateFor(userId);
        _oauth.ProviderSays("acct-1", "  Alice@EXAMPLE.com ", emailVerified: true);

        var verified = ResultAssert.Succeeded(await _oauth.Verifier.VerifyAsync(OAuthPorts.Callback(), userId, CancellationToken.None));

        Assert.Equal((OAuthPorts.Provider, "acct-1"), (verified.Identity.ProviderName, verified.Identity.AccountId));
        Assert.Equal(("Alice@example.com", "alice@example.com"), (verified.Identity.AccountEmail.Value, verified.Identity.AccountEmail.Normalized));
        Assert.True(verified.EmailVerified);
        Assert.Equal(OAuthPorts.ProviderAccessToken, verified.Tokens.AccessToken);
    }
}
