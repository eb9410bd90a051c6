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

    [Fact]
    public void RequestVerification_ActiveUnverifiedUser_ReturnsTrueRaisesUserVerificationRequestedWithTheTokenAndChangesNothing()
    {
        var user = new UserBuilder().WithEmail(MixedCaseEmail).Build();
        var stamp = user.SecurityStamp;
        var issuer = new TokenIssuer("verify-token");

        var raised = user.RequestVerification(issuer.Issue);

        Assert.True(raised);
        Assert.Same(user, Assert.Single(issuer.IssuedFor));
        Assert.Equal(new UserVerificationRequested(user.Id, MixedCaseEmail, "verify-token"), Assert.Single(user.DomainEvents));
        Assert.False(user.IsVerified);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.UpdatedAt);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RequestVerification_InactiveUser_ReturnsFalseRaisesNothingAndIssuesNoToken(bool isVerified)
    {
        var user = new UserBuilder().Inactive().Verified(isVerified).Build();
        var issuer = new TokenIssuer("verify-token");

        var raised = user.RequestVerification(issuer.Issue);

        Assert.False(raised);
        Assert.Empty(issuer.IssuedFor);
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void RequestVerification_VerifiedUser_ReturnsFalseRaisesNothingAndIssuesNoToken()
    {
        var user = new UserBuilder().Verified().Build();
        var issuer = new TokenIssuer("verify-token");

        var raised = user.RequestVerification(issuer.Issue);

        Assert.False(raised);
        Assert.Empty(issuer.IssuedFor);
        Assert.Empty(user.DomainEvents);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void RequestVerification_WithBlankToken_Throws(string token)
    {
        var user = new UserBuilder().Build();

        Assert.Throws<ArgumentException>(() => user.RequestVerification(_ => token));
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void RequestVerification_WithoutTokenIssuer_Throws()
    {
        var user = new UserBuilder().Build();

        Assert.Throws<ArgumentNullException>(() => user.RequestVerification(null!));
        Assert.Empty(user.DomainEvents);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RequestPasswordReset_ActiveUser_ReturnsTrueRaisesForgotPasswordRequestedWithTheTokenAndChangesNothing(bool isVerified)
    {
        var user = new UserBuilder().WithEmail(MixedCaseEmail).Verified(isVerified).Build();
        var stamp = user.SecurityStamp;
        var issuer = new TokenIssuer("reset-token");

        var raised = user.RequestPasswordReset(issuer.Issue);

        Assert.True(raised);
        Assert.Same(user, Assert.Single(issuer.IssuedFor));
        Assert.Equal(new ForgotPasswordRequested(user.Id, MixedCaseEmail, "reset-token"), Assert.Single(user.DomainEvents));
        Assert.Equal(UserBuilder.DefaultPasswordHash, user.HashedPassword);
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Equal(UserBuilder.DefaultCreatedAt, user.UpdatedAt);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RequestPasswordReset_InactiveUser_ReturnsFalseRaisesNothingAndIssuesNoToken(bool isVerified)
    {
        var user = new UserBuilder().Inactive().Verified(isVerified).Build();
        var issuer = new TokenIssuer("reset-token");

        var raised = user.RequestPasswordReset(issuer.Issue);

        Assert.False(raised);
        Assert.Empty(issuer.IssuedFor);
        Assert.Empty(user.DomainEvents);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void RequestPasswordReset_WithBlankToken_Throws(string token)
    {
        var user = new UserBuilder().Build();

        Assert.Throws<ArgumentException>(() => user.RequestPasswordReset(_ => token));
        Assert.Empty(user.DomainEvents);
    }

    [Fact]
    public void RequestPasswordReset_WithoutTokenIssuer_Throws()
    {
        var user = new UserBuilder().Build();

        Assert.Throws<ArgumentNullException>(() => user.RequestPasswordReset(null!));
        Assert.Empty(user.DomainEvents);
    }

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
