using Users.Application.Abstractions.Persistence;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Application.OAuth;

/// <summary>
/// Runs the stored part of a callback again when its commit lost a race: the same new provider account signing in twice
/// at once (one request creates the user, the other's insert is refused), or the user's row changed under it. The unit
/// of work has forgotten the refused changes, so the next attempt reads what the winner stored and decides anew (it
/// signs in through the account the winner linked). The code exchange is not repeated: a code works once.
/// </summary>
internal static class OAuthLinkRaces
{
    private const int MaxAttempts = 3;

    public static async Task<Result<T>> RetryAsync<T>(Func<Task<Result<T>>> attempt)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception exception) when (number < MaxAttempts
                && exception is EmailAlreadyTakenException or OAuthAccountTakenException or ConcurrencyConflictException)
            {
                // decided again on the next pass
            }
            catch (EmailAlreadyTakenException)
            {
                return OAuthErrors.UserAlreadyExists;
            }
            catch (OAuthAccountTakenException)
            {
                return OAuthErrors.AccountAlreadyLinked;
            }
        }
    }
}
