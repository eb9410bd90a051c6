using MediatR;
using Users.Domain.Common;

namespace Users.Application.Auth.Commands.RequestToken;

/// <summary>
/// Asks for a mailed token (verification or password reset). Always succeeds: the answer must not tell whether the
/// address is registered. A token is issued, and its event raised (which mails it), only for a user the aggregate
/// deems eligible (see <see cref="TokenPurpose"/>).
/// </summary>
public sealed record RequestTokenCommand : IRequest<Result>
{
    public string? Email { get; init; }

    public required TokenPurpose Purpose { get; init; }
}
