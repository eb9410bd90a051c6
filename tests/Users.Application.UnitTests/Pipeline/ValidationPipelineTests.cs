using MediatR;
using Users.Application.Auth.Commands.Login;
using Users.Application.Common;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users.Commands.CreateUser;
using Users.Application.Users.Commands.UpdateUser;
using Users.Application.Users.Queries.ListUsers;
using Users.Domain.Common;

namespace Users.Application.UnitTests.Pipeline;

/// <summary>Validators as the Api meets them: through <see cref="IMediator"/> and the validation behavior.</summary>
public sealed class ValidationPipelineTests : IDisposable
{
    private readonly ApplicationHost _host = new();

    public void Dispose() => _host.Dispose();

    private async Task<FieldFailure> SingleFailure<T>(IRequest<Result<T>> request)
    {
        var result = await _host.Mediator.Send(request);

        Assert.False(result.IsSuccess, "expected a validation failure");
        var error = Assert.IsType<ValidationError>(result.Error);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        return Assert.Single(error.Failures);
    }

    [Fact]
    public async Task Register_WithoutEmail_FailsMissingAtBodyEmail()
    {
        var failure = await SingleFailure(new CreateUserCommand { Password = "correct horse battery" });

        Assert.Equal(["body", "email"], failure.Location);
        Assert.Equal("missing", failure.Type);
        Assert.Equal("Field required", failure.Message);
    }

    [Fact]
    public async Task Register_WithoutPassword_FailsMissingAtBodyPassword()
    {
        var failure = await SingleFailure(new CreateUserCommand { Email = "bob@example.com" });

        Assert.Equal(["body", "password"], failure.Location);
        Assert.Equal("missing", failure.Type);
    }

    [Fact]
    public async Task Register_WithoutEmailAndPassword_ReportsBothFailures()
    {
        var result = await _host.Mediator.Send(new CreateUserCommand());

        var error = Assert.IsType<ValidationError>(result.Error);
        Assert.Equal([["body", "email"], ["body", "password"]], error.Failures.Select(f => f.Location));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    [InlineData("bob@localhost")]
    [InlineData("bob@example.test")]
    [InlineData("bob..smith@example.com")]
    [InlineData("\"bob\"@example.com")]
    [InlineData("bob@[127.0.0.1]")]
    public async Task Register_WithInvalidEmail_FailsValueErrorSayingWhy(string email)
    {
        var failure = await SingleFailure(new CreateUserCommand { Email = email, Password = "correct horse battery" });

        Assert.Equal(["body", "email"], failure.Location);
        Assert.Equal("value_error", failure.Type);
        Assert.StartsWith("value is not a valid email address: ", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Message.Length > "value is not a valid email address: ".Length, "the message should say why");
    }

    [Fact]
    public async Task CreateUser_WithInvalidEmail_FailsValueError()
    {
        var failure = await SingleFailure(new CreateUserCommand { Email = "nope", Password = "correct horse battery", IsSuperuser = true });

        Assert.Equal(["body", "email"], failure.Location);
        Assert.Equal("value_error", failure.Type);
    }

    [Fact]
    public async Task CreateUser_WithoutPassword_FailsMissing()
    {
        var failure = await SingleFailure(new CreateUserCommand { Email = "root@example.com", IsSuperuser = true });

        Assert.Equal(["body", "password"], failure.Location);
        Assert.Equal("missing", failure.Type);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("nope@")]
    public async Task UpdateUser_WithInvalidEmail_FailsValueError(string email)
    {
        var failure = await SingleFailure(new UpdateUserCommand { Id = Guid.NewGuid(), Email = email });

        Assert.Equal(["body", "email"], failure.Location);
        Assert.Equal("value_error", failure.Type);
    }

    [Theory]
    [InlineData(null, "pw", "username")]
    [InlineData("", "pw", "username")]
    [InlineData("bob@example.com", null, "password")]
    [InlineData("bob@example.com", "", "password")]
    public async Task Login_WithMissingOrEmptyField_FailsMissing(string? username, string? password, string field)
    {
        var failure = await SingleFailure(new LoginCommand { Username = username, Password = password });

        Assert.Equal(["body", field], failure.Location);
        Assert.Equal("missing", failure.Type);
    }

    [Fact]
    public async Task Login_WithWhitespaceOnlyPassword_ReachesTheHandler()
    {
        // The policy accepts a password of spaces at registration, so login must not refuse it as missing.
        var result = await _host.Mediator.Send(new LoginCommand { Username = "bob@example.com", Password = "          " });

        ResultAssert.Failed(result, "LOGIN_BAD_CREDENTIALS");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public async Task ListUsers_WithLimitOutOfRange_FailsValueErrorAtQueryLimit(int limit)
    {
        var failure = await SingleFailure(new ListUsersQuery(Limit: limit));

        Assert.Equal(["query", "limit"], failure.Location);
        Assert.Equal("value_error", failure.Type);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!")]
    public async Task ListUsers_WithGarbageCursor_FailsValueErrorAtQueryCursor(string cursor)
    {
        var failure = await SingleFailure(new ListUsersQuery(Cursor: cursor));

        Assert.Equal(["query", "cursor"], failure.Location);
        Assert.Equal("value_error", failure.Type);
    }

    [Fact]
    public async Task ListUsers_WithOverlongEmailPrefix_FailsValueErrorAtQueryEmail()
    {
        var failure = await SingleFailure(new ListUsersQuery(Email: new string('a', 255)));

        Assert.Equal(["query", "email"], failure.Location);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task ListUsers_WithLimitAtBounds_ReachesTheHandler(int limit)
    {
        var result = await _host.Mediator.Send(new ListUsersQuery(Limit: limit, Cursor: KeysetCursor.Encode(Guid.CreateVersion7())));

        Assert.True(result.IsSuccess);
    }
}
