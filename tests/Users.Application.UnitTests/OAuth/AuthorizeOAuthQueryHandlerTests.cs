using NSubstitute;
using Users.Application.Abstractions.OAuth;
using Users.Application.OAuth.Queries.AuthorizeOAuth;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.UnitTests.OAuth;

public sealed class AuthorizeOAuthQueryHandlerTests
{
    private static readonly Uri ProviderUrl = new("https://accounts.example.com/authorize?x=1");

    private readonly OAuthPorts _oauth = new();

    public AuthorizeOAuthQueryHandlerTests()
    {
        _oauth.States.Start(Arg.Any<Guid?>()).Returns(new OAuthStateStart("new-state", "new-csrf", "new-challenge"));
        _oauth.Client.AuthorizationUrlAsync(OAuthPorts.Provider, Arg.Any<OAuthAuthorizationRequest>(), Arg.Any<CancellationToken>())
            .Returns(Result<Uri>.Success(ProviderUrl));
    }

    private Task<Result<OAuthAuthorization>> Authorize(IReadOnlyList<string> scopes, Guid? userId = null) =>
        new AuthorizeOAuthQueryHandler(_oauth.States, _oauth.Client, _oauth.Options)
            .Handle(new AuthorizeOAuthQuery(OAuthPorts.Provider, OAuthPorts.RedirectUri, scopes, userId), CancellationToken.None);

    [Fact]
    public async Task AsksTheProviderWithTheNewStateAndChallenge_AndGivesTheCsrfTokenForTheCookie()
    {
        var authorization = ResultAssert.Succeeded(await Authorize(["openid", "email"]));

        Assert.Equal((ProviderUrl, "new-csrf"), (authorization.AuthorizationUrl, authorization.CsrfToken));
        await _oauth.Client.Received(1).AuthorizationUrlAsync(
            OAuthPorts.Provider,
            Arg.Is<OAuthAuthorizationRequest>(r => r.State == "new-state" && r.CodeChallenge == "new-challenge" && r.RedirectUri == OAuthPorts.RedirectUri
                && r.Scopes.SequenceEqual(new[] { "openid", "email" })),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task WithoutScopes_AsksForTheProvidersConfiguredOnes()
    {
        _oauth.Settings.Scopes = ["openid profile", "email"];

        await Authorize([]);

        await _oauth.Client.Received(1).AuthorizationUrlAsync(
            OAuthPorts.Provider, Arg.Is<OAuthAuthorizationRequest>(r => r.Scopes.SequenceEqual(new[] { "openid", "profile", "email" })), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Associating_PutsTheCallerInTheState()
    {
        var userId = Guid.NewGuid();

        await Authorize([], userId);

        _oauth.States.Received(1).Start(userId);
    }

    [Fact]
    public async Task AProviderThatCannotBeReached_IsPassedOn()
    {
        _oauth.Client.AuthorizationUrlAsync(OAuthPorts.Provider, Arg.Any<OAuthAuthorizationRequest>(), Arg.Any<CancellationToken>())
            .Returns(Result<Uri>.Failure(OAuthErrors.ProviderUnavailable));

        ResultAssert.Failed(await Authorize([]), "OAUTH_PROVIDER_UNAVAILABLE");
    }
}
