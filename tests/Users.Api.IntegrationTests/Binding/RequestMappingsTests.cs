using Mapster;
using Mapster.Models;
using MapsterMapper;
using Users.Api.Endpoints.Requests;
using Users.Application.Auth.Commands.Login;
using Users.Application.Auth.Commands.RequestToken;
using Users.Application.Auth.Commands.ResetPassword;
using Users.Application.Auth.Commands.Verify;
using Users.Application.Common.Mapping;
using Users.Application.Users;
using Users.Application.Users.Commands.CreateUser;
using Users.Application.Users.Commands.UpdateUser;
using Users.Domain.Common;

namespace Users.Api.IntegrationTests.Binding;

/// <summary>The service's whole mapping configuration (Api and Application), as the start-up compiles it.</summary>
public sealed class RequestMappingsTests
{
    private static readonly TypeAdapterConfig Configuration =
        MappingConfiguration.Create([typeof(Api.DependencyInjection).Assembly, typeof(UserRead).Assembly]);

    public static TheoryData<Type, Type> RequestToCommand => new()
    {
        { typeof(RegisterRequest), typeof(CreateUserCommand) },
        { typeof(UserUpdateRequest), typeof(UpdateUserCommand) },
        { typeof(EmailRequest), typeof(RequestTokenCommand) },
        { typeof(VerifyRequest), typeof(VerifyCommand) },
        { typeof(ResetPasswordRequest), typeof(ResetPasswordCommand) },
        { typeof(LoginForm), typeof(LoginCommand) },
    };

    [Theory]
    [MemberData(nameof(RequestToCommand))]
    public void EveryRequestRecord_HasAStrictCompiledMappingToItsCommand(Type request, Type command)
    {
        Assert.True(Configuration.RequireDestinationMemberSource);
        Assert.Contains(new TypeTuple(request, command), Configuration.RuleMap.Keys);
        Configuration.Compile(request, command);
    }

    [Fact]
    public void UpdateRequest_MapsEveryMemberByName_KeepingAbsentNullAndValueApart()
    {
        var request = new UserUpdateRequest { Email = "new@example.com", Password = OptionalValue.Of<string?>(null), IsVerified = true };

        var command = new Mapper(Configuration).Map<UpdateUserCommand>(request);

        Assert.Equal(OptionalValue.Of<string?>("new@example.com"), command.Email);
        Assert.True(command.Password.IsSet);
        Assert.Null(command.Password.Value);
        Assert.Equal(OptionalValue.Of<bool?>(true), command.IsVerified);
        Assert.False(command.IsActive.IsSet);
        Assert.False(command.IsSuperuser.IsSet);
    }
}
