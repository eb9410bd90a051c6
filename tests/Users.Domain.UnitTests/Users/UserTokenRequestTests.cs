using Users.Domain.Common;
using Users.Domain.Users;
using Users.Domain.Users.Events;
using Users.TestSupport;

namespace Users.Domain.UnitTests.Users;

/// <summary>
/// Verification and password-reset requests: the aggregate decides who gets a mail, and asks for a token only then.
/// </summary>
public class UserTokenRequestTests
{
    // Mixed case: the events must carry the address as stored (Value), not its normalized form.
    private const string MixedCaseEmail = "Jane.Doe@example.com";
    private const string IssuedToken = "issued-token";

    // The request a case makes, by the aggregate method's name: plain strings, so that each case is listed on its own.
    private const string Verification = nameof(User.RequestVerification);
    private const string PasswordReset = nameof(User.RequestPasswordReset);

    [Theory]
    [InlineData(Verification, false)]
    [InlineData(PasswordReset, false)]
    [InlineData(PasswordReset, true)]
    public void Request_ActiveUserWhoMayAsk_ReturnsTrueRaisesTheRequestWithTheTokenAndChangesNothing(string request, bool isVerified)
    {
        var user = new UserBuilder().WithEmail(MixedCaseEmail).Verified(isVerified).Build();
        var stamp = user.SecurityStamp;
        var issuer = new TokenIssuer(IssuedToken);

        var raised = Request(request, user, issuer.Issue);

        Assert.True(raised);
        Assert.Same(user, Assert.Single(issuer.IssuedFor));
        Assert.Equal(ExpectedEvent(request, user.Id), Assert.Single(user.DomainEvents));
        Assert.Equal(isVerified, user.IsVerified);
        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.UpdatedAt);
    }

    [Theory]
    [InlineData(Verification, false)]
    [InlineData(Verification, true)]
    [InlineData(PasswordReset, false)]
    [InlineData(PasswordReset, true)]
    public void Request_InactiveUser_ReturnsFalseRaisesNothingAndIssuesNoToken(string request, bool isVerified)
    {
        var user = new UserBuilder().Inactive().Verified(isVerified).Build();
        var issuer = new TokenIssuer(IssuedToken);

        var raised = Request(request, user, issuer.Issue);

        Assert.False(raised);
        Assert.Empty(issuer.IssuedFor);
        Assert.Empty(user.DomainEvents);
    }

    // Where the two requests differ: a verified user may still reset a password (covered above), but not verify again.
    [Fact]
    public void RequestVerification_VerifiedUser_ReturnsFalseRaisesNothingAndIssuesNoToken()
    {
        var user = new UserBuilder().Verified().Build();
        var issuer = new TokenIssuer(IssuedToken);

        var raised = user.RequestVerification(issuer.Issue);

        Assert.False(raised);
        Assert.Empty(issuer.IssuedFor);
        Assert.Empty(user.DomainEvents);
    }

    [Theory]
    [InlineData(Verification, "")]
    [InlineData(Verification, " ")]
    [InlineData(PasswordReset, "")]
    [InlineData(PasswordReset, " ")]
    public void Request_WithBlankToken_Throws(string request, string token)
    {
        var user = new UserBuilder().Build();

        Assert.Throws<ArgumentException>(() => Request(request, user, _ => token));
        Assert.Empty(user.DomainEvents);
    }

    [Theory]
    [InlineData(Verification)]
    [InlineData(PasswordReset)]
    public void Request_WithoutTokenIssuer_Throws(string request)
    {
        var user = new UserBuilder().Build();

        Assert.Throws<ArgumentNullException>(() => Request(request, user, null!));
        Assert.Empty(user.DomainEvents);
    }

    private static bool Request(string request, User user, Func<User, string> issueToken) => request switch
    {
        Verification => user.RequestVerification(issueToken),
        PasswordReset => user.RequestPasswordReset(issueToken),
        _ => throw new ArgumentOutOfRangeException(nameof(request)),
    };

    private static IDomainEvent ExpectedEvent(string request, Guid userId) => request switch
    {
        Verification => new UserVerificationRequested(userId, MixedCaseEmail, IssuedToken),
        PasswordReset => new ForgotPasswordRequested(userId, MixedCaseEmail, IssuedToken),
        _ => throw new ArgumentOutOfRangeException(nameof(request)),
    };

    /// <summary>Hands out a fixed token and records whom it was asked for.</summary>
    private sealed class TokenIssuer(string token)
    {
        public List<User> IssuedFor { get; } = [];

        public string Issue(User user)
        {
            IssuedFor.Add(user);
            return token;
        }
    }
}
