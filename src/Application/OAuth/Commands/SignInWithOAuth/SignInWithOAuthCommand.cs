using MediatR;
using Users.Application.Auth.Commands.Login;
using Users.Application.Sessions;
using Users.Domain.Common;

namespace Users.Application.OAuth.Commands.SignInWithOAuth;

/// <summary>
/// The sign-in callback (<c>GET /auth/{provider}/callback</c>): a known provider account signs its user in (its tokens
/// are updated); an unknown one with a free address creates a user; with a taken address it is linked only when the
/// provider allows association by email and verified the address. Answered like a login of <see cref="SignIn"/>'s backend.
/// </summary>
public sealed record SignInWithOAuthCommand(OAuthCallback Callback, SignInRequest SignIn) : IRequest<Result<LoginResult>>;
