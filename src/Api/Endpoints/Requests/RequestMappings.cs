using Mapster;
using Users.Application.Auth.Commands.Login;
using Users.Application.Auth.Commands.Refresh;
using Users.Application.Auth.Commands.RequestToken;
using Users.Application.Auth.Commands.ResetPassword;
using Users.Application.Auth.Commands.Verify;
using Users.Application.Users.Commands.CreateUser;
using Users.Application.Users.Commands.UpdateUser;

namespace Users.Api.Endpoints.Requests;

/// <summary>
/// Request to command, by name. What a request does not carry (a route id, who is asking, the backend and its strategy,
/// the client, the token purpose) is ignored here and set by the endpoint.
/// </summary>
public sealed class RequestMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.NewConfig<RegisterRequest, CreateUserCommand>();
        config.NewConfig<UserUpdateRequest, UpdateUserCommand>().Ignore(c => c.Id).Ignore(c => c.BySelf);
        config.NewConfig<EmailRequest, RequestTokenCommand>().Ignore(c => c.Purpose);
        config.NewConfig<VerifyRequest, VerifyCommand>();
        config.NewConfig<ResetPasswordRequest, ResetPasswordCommand>();
        config.NewConfig<RefreshRequest, RefreshCommand>();
        config.NewConfig<LoginForm, LoginCommand>().Ignore(c => c.Strategy).Ignore(c => c.Backend).Ignore(c => c.Client).Ignore(c => c.WithRefreshToken);
    }
}
