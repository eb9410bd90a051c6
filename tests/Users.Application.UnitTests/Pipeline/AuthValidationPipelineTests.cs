using MediatR;
using NSubstitute;
using Users.Application.Auth.Commands.RequestToken;
using Users.Application.Auth.Commands.ResetPassword;
using Users.Application.Auth.Commands.Verify;
using Users.Application.UnitTests.TestSupport;
using Users.Domain.Common;

namespace Users.Application.UnitTests.Pipeline;

/// <summary>The verification and password-reset validators as the Api meets them: through <see cref="IMediator"/>.</summary>
public sealed class AuthValidationPipelineTests : IDisposable
{
    private readonly ApplicationHost _host = new();

    public void Dispose() => _host.Dispose();

    private async Task<IReadOnlyList<FieldFailure>> Failures<TResult>(IRequest<TResult> request)
        where TResult : Result
    {
        var result = await _host.Mediator.Send(request);

        Assert.False(result.IsSuccess, "expected a validation failure");
        var error = Assert.IsType<ValidationError>(result.Error);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Empty(_host.Ports.Users.ReceivedCalls());
        Assert.Empty(_host.Ports.ActionTokens.ReceivedCalls());
        return error.Failures;
    }

    [Theory]
    [InlineData(TokenPurpose.Verify)]
    [InlineData(TokenPurpose.ResetPassword)]
    public async Task RequestToken_WithoutEmail_FailsMissingAtBodyEmail(TokenPurpose purpose)
    {
        var failure = Assert.Single(await Failures(new RequestTokenCommand { Purpose = purpose }));

        Assert.Equal(["body", "email"], failure.Location);
        Assert.Equal("missing", failure.Type);
        Assert.Equal("Field required", failure.Message);
    }

    [Theory]
    [InlineData(TokenPurpose.Verify, "not-an-email")]
    [InlineData(TokenPurpose.Verify, "")]
    [InlineData(TokenPurpose.Verify, "bob@example.test")]
    [InlineData(TokenPurpose.ResetPassword, "not-an-email")]
    [InlineData(TokenPurpose.ResetPassword, "bob@[127.0.0.1]")]
    public async Task RequestToken_WithInvalidEmail_FailsValueErrorAtBodyEmail(TokenPurpose purpose, string email)
    {
        var failure = Assert.Single(await Failures(new RequestTokenCommand { Email = email, Purpose = purpose }));

        Assert.Equal(["body", "email"], failure.Location);
        Assert.Equal("value_error", failure.Type);
    }

    [Fact]
    public async Task Verify_WithoutToken_FailsMissingAtBodyToken()
    {
        var failure = Assert.Single(await Failures(new VerifyCommand()));

        Assert.Equal(["body", "token"], failure.Location);
        Assert.Equal("missing", failure.Type);
        Assert.Equal("Field required", failure.Message);
    }

    [Fact]
    public async Task ResetPassword_WithoutTokenAndPassword_ReportsBothAsMissing()
    {
        var failures = await Failures(new ResetPasswordCommand());

        Assert.Equal([["body", "token"], ["body", "password"]], failures.Select(f => f.Location));
        Assert.All(failures, f => Assert.Equal("missing", f.Type));
    }

    [Fact]
    public async Task ResetPassword_WithoutPassword_FailsMissingAtBodyPassword()
    {
        var failure = Assert.Single(await Failures(new ResetPasswordCommand { Token = "a-token" }));

        Assert.Equal(["body", "password"], failure.Location);
        Assert.Equal("missing", failure.Type);
    }

    [Theory]
    [InlineData(TokenPurpose.Verify)]
    [InlineData(TokenPurpose.ResetPassword)]
    public async Task RequestToken_WithValidUnknownEmail_ReachesTheHandlerAndSucceeds_CommittingOnlyAWithheldRecord(TokenPurpose purpose)
    {
        var result = await _host.Mediator.Send(new RequestTokenCommand { Email = "nobody@example.com", Purpose = purpose });

        Assert.True(result.IsSuccess);
        await _host.Ports.Users.Received(1).GetByNormalizedEmailAsync("nobody@example.com", Arg.Any<CancellationToken>());
        _host.Ports.EmailOutbox.Received(1).AddWithheld();
        _host.Ports.EmailOutbox.DidNotReceiveWithAnyArgs().Add(default!);
        _host.Ports.ReceivedOneCommit();
    }

    [Fact]
    public async Task Verify_WithEmptyToken_ReachesTheHandlerAndFailsBadToken()
    {
        // As in FastAPI Users, an empty string is a token (a bad one), not a missing field.
        var result = await _host.Mediator.Send(new VerifyCommand { Token = "" });

        ResultAssert.Failed(result, "VERIFY_USER_BAD_TOKEN");
    }

    [Fact]
    public async Task ResetPassword_WithGarbageToken_ReachesTheHandlerAndFailsBadToken()
    {
        var result = await _host.Mediator.Send(new ResetPasswordCommand { Token = "garbage", Password = "new correct horse battery" });

        ResultAssert.Failed(result, "RESET_PASSWORD_BAD_TOKEN");
    }
}
