using MapsterMapper;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Application.Auth.Commands.Login;
using Users.Application.Users;
using Users.Domain.Sessions;
using Users.Domain.Users;

namespace Users.Application.Sessions;

/// <summary>
/// The end of every successful sign-in (password or provider): records the login, starts a session, issues its access
/// token (and refresh token), and commits them with whatever else the use case changed, at once.
/// </summary>
public sealed class SessionSignIn(
    ISessionRepository sessions,
    IUnitOfWork unitOfWork,
    IEnumerable<IAccessTokenStrategy> strategies,
    RefreshTokenIssuer refreshTokens,
    IMapper mapper)
{
    public async Task<LoginResult> SignInAsync(User user, SignInRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        user.RecordLogin(now);
        var session = Session.Start(user, request.Backend, request.Client, now);
        sessions.Add(session);
        var token = await strategies.Named(request.Strategy).IssueAsync(user, session, cancellationToken);
        session.ExtendTo(token.UsableUntil);
        var refreshToken = request.WithRefreshToken ? refreshTokens.Issue(session, now) : null;
        await unitOfWork.SaveChangesAsync(cancellationToken); // the login time, the session and its tokens, at once
        return new LoginResult(mapper.Map<UserRead>(user), token.Value, session.Id, refreshToken, token.ExpiresInSeconds);
    }
}
