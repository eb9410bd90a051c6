using System.Text.Json;
using Users.Api.Binding;
using Users.Api.Endpoints.Requests;

namespace Users.Api.IntegrationTests.Binding;

/// <summary>The binder on its own (no host): the three states of an optional member, and how refusals are reported.</summary>
public sealed class JsonRequestBinderTests
{
    [Fact]
    public void Bind_TellsAbsentFromNullFromAValue()
    {
        var body = Bind<UserUpdateRequest>("""{"email": "a@example.com", "password": null}""");

        var request = body.Value;
        Assert.Empty(body.Failures);
        Assert.True(request.Email.IsSet);
        Assert.Equal("a@example.com", request.Email.Value);
        Assert.True(request.Password.IsSet);
        Assert.Null(request.Password.Value);
        Assert.False(request.IsActive.IsSet);
    }

    [Fact]
    public void Bind_AFlagSentAsNull_IsSetToNull_NotAbsent()
    {
        var request = Bind<UserUpdateRequest>("""{"is_superuser": null, "is_verified": false}""").Value;

        Assert.True(request.IsSuperuser.IsSet);
        Assert.Null(request.IsSuperuser.Value);
        Assert.True(request.IsVerified.IsSet);
        Assert.False(request.IsVerified.Value);
    }

    [Fact]
    public void Bind_WrongTypes_FailsEachMemberWithFastApisType()
    {
        var body = Bind<UserUpdateRequest>("""{"email": {}, "is_active": "true", "password": "fine"}""");

        Assert.Equal(
            [("email", "string_type", "Input should be a valid string"), ("is_active", "bool_type", "Input should be a valid boolean")],
            body.Failures.Select(f => (f.Location[1], f.Type, f.Message)));
        Assert.All(body.Failures, f => Assert.Equal("body", f.Location[0]));
    }

    [Fact]
    public void Bind_RequiredMembersAbsent_AreMissing_EvenBesideAWrongType()
    {
        var body = Bind<ResetPasswordRequest>("""{"token": 42}""");

        Assert.Equal([("token", "string_type"), ("password", "missing")], body.Failures.Select(f => (f.Location[1], f.Type)));
    }

    [Fact]
    public void Bind_ARequiredMemberSentAsNull_BindsAsNull_ForValidationToRefuse()
    {
        var body = Bind<EmailRequest>("""{"email": null}""");

        Assert.Empty(body.Failures);
        Assert.Null(body.Value.Email);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Bind_ABodyThatIsNotAnObject_FailsAsAWhole(string json)
    {
        var failure = Assert.Single(Bind<EmailRequest>(json).Failures);

        Assert.Equal(["body"], failure.Location);
        Assert.Equal("model_attributes_type", failure.Type);
    }

    [Fact]
    public void Value_OfABodyThatDidNotBind_Throws()
    {
        var body = Bind<EmailRequest>("{}");

        Assert.Throws<InvalidOperationException>(() => body.Value);
    }

    private static JsonBody<T> Bind<T>(string json)
        where T : class
    {
        using var parsed = ParsedJsonBody.Parsed(JsonDocument.Parse(json));
        return JsonRequestBinder.Bind<T>(parsed);
    }
}
