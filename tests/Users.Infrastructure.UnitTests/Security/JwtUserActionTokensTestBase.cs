using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Users.Domain.Users;
using Users.Infrastructure.Security;
using Users.Infrastructure.Settings;
using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security;

/// <summary>One secret, one clock and one user, from which every user-action token test issues and reads its tokens.</summary>
public abstract class JwtUserActionTokensTestBase
{
    protected const string Secret = "0123456789abcdef0123456789abcdef-test";

    protected JwtUserActionTokensTestBase() => Tokens = Create(Secret);

    protected FakeTimeProvider Time { get; } = new();

    protected User User { get; } = new UserBuilder().WithEmail("Some.One@Example.com").Build();

    /// <summary>Made with <see cref="Secret"/> and hour-long lifetimes.</summary>
    protected JwtUserActionTokens Tokens { get; }

    protected static (JsonElement Header, JsonElement Payload) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement, JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement);
    }

    protected JwtUserActionTokens Create(string secret, int verifySeconds = 3600, int resetSeconds = 3600) =>
        new(
            Options.Create(new AuthTokenOptions { Secret = secret, VerifyTokenLifetimeSeconds = verifySeconds, ResetPasswordTokenLifetimeSeconds = resetSeconds }),
            Time,
            NullLogger<JwtUserActionTokens>.Instance);

    protected JwtAccessTokenService CreateAccessTokens() =>
        new(Options.Create(new AuthTokenOptions { Secret = Secret }), Time, NullLogger<JwtAccessTokenService>.Instance);
}
