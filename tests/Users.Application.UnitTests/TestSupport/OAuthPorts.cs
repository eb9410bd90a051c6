using Microsoft.Extensions.Options;
using NSubstitute;
using Users.Application.Abstractions.OAuth;
using Users.Application.OAuth;
using Users.Application.Settings;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.UnitTests.TestSupport;

/// <summary>
/// Mocks of the OAuth ports with a valid state for <see cref="State"/> (CSRF token <see cref="Csrf"/>) and a protector
/// that marks what it sealed, plus the real <see cref="OAuthCallbackVerifier"/> over them.
/// </summary>
public sealed class OAuthPorts
{
    public const string Provider = "google";
    public const string Code = "the-code";
    public const string State = "the-state";
    public const string Csrf = "csrf-token-of-this-browser";
    public const string CodeVerifier = "pkce-verifier";
    public const string ProviderAccessToken = "provider-access-token";
    public const string ProviderRefreshToken = "provider-refresh-token";

    public static readonly Uri RedirectUri = new("https://users.example.com/auth/google/callback");

    public OAuthPorts()
    {
        States.ReadAsync(State).Returns(new OAuthStateReading(OAuthStateOutcome.Valid, Csrf, UserId: null, CodeVerifier));
        Protector.Protect(Arg.Any<ProviderTokens>()).Returns(call => Sealed(call.Arg<ProviderTokens>()));
    }

    public IOAuthStateTokens States { get; } = Substitute.For<IOAuthStateTokens>();

    public IOAuthProviderClient Client { get; } = Substitute.For<IOAuthProviderClient>();

    public IProviderTokenProtector Protector { get; } = Substitute.For<IProviderTokenProtector>();

    public OAuthProviderOptions Settings { get; } = new() { ClientId = "client-id", Authority = "https://accounts.example.com" };

    public IOptions<OAuthOptions> Options => Microsoft.Extensions.Options.Options.Create(new OAuthOptions { Providers = { [Provider] = Settings } });

    public OAuthCallbackVerifier Verifier => new(States, Client);

    public static ProviderTokens Sealed(ProviderTokens tokens) =>
        tokens with { AccessToken = "sealed:" + tokens.AccessToken, RefreshToken = tokens.RefreshToken is null ? null : "sealed:" + tokens.RefreshToken };

    public static OAuthCallback Callback(string? code = Code, string? error = null, string? state = State, string? csrf = Csrf) =>
        new(Provider, code, error, state, csrf, RedirectUri);

    /// <summary>The state names <paramref name="userId"/> (the associate flow's).</summary>
    public void StateFor(Guid userId) =>
        States.ReadAsync(State).Returns(new OAuthStateReading(OAuthStateOutcome.Valid, Csrf, userId, CodeVerifier));

    /// <summary>The provider accepts <see cref="Code"/> with <see cref="CodeVerifier"/> and says who signed in.</summary>
    public void ProviderSays(string accountId, string? email, bool emailVerified) =>
        Client.ExchangeAsync(
                Provider,
                Arg.Is<OAuthCodeExchange>(e => e.Code == Code && e.CodeVerifier == CodeVerifier && e.RedirectUri == RedirectUri),
                Arg.Any<CancellationToken>())
            .Returns(Result<OAuthProviderAccount>.Success(new OAuthProviderAccount(
                accountId, email, emailVerified, new ProviderTokens(ProviderAccessToken, null, ProviderRefreshToken))));

    public void ProviderFails(Error error) =>
        Client.ExchangeAsync(Provider, Arg.Any<OAuthCodeExchange>(), Arg.Any<CancellationToken>()).Returns(Result<OAuthProviderAccount>.Failure(error));

    public void ReceivedNoExchange() => _ = Client.DidNotReceiveWithAnyArgs().ExchangeAsync(default!, default!, default);
}
