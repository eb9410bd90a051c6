using MediatR;
using Users.Application.Abstractions.Persistence;
using Users.Application.Abstractions.Security;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.Refresh;

/// <summary>
/// Exchanges a refresh token for a new pair (<c>POST /auth/{backend}/refresh</c>). Racing exchanges of one token are
/// settled by the write: one spends it, the others run again and find it spent within the reuse interval, so they
/// answer that same pair.
/// </summary>
public sealed record RefreshCommand : IRequest<Result<TokenPair>>, IRetryOnConflict
{
    public string? RefreshToken { get; init; }
}
