using Users.Application.Abstractions.Adoption;
using Users.Application.Adoption.Commands.AdoptFastApiUsers;

namespace Users.Api.Cli;

/// <summary>The parsed arguments of <c>adopt-fastapi-users</c>, as the command they ask for.</summary>
public static class AdoptArguments
{
    /// <summary>
    /// Parses <paramref name="args"/>. <c>--from-stdin</c> reads the connection string from the first line of
    /// <paramref name="stdin"/> instead of <c>--from</c>, which keeps its password out of the process list.
    /// </summary>
    public static bool TryParse(string[] args, TextReader stdin, out AdoptFastApiUsersCommand command, out string problem)
    {
        command = new AdoptFastApiUsersCommand();
        string? from = null, provider = null;
        var (users, accounts, tokens) = (FastApiUsersSource.DefaultUserTable, FastApiUsersSource.DefaultOAuthTable, FastApiUsersSource.DefaultTokenTable);
        bool dryRun = false, fromStdin = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--from" when i + 1 < args.Length:
                    from = args[++i];
                    break;
                case "--from-stdin":
                    fromStdin = true;
                    break;
                case "--from-provider" when i + 1 < args.Length:
                    provider = args[++i];
                    break;
                case "--user-table" when i + 1 < args.Length:
                    users = args[++i];
                    break;
                case "--oauth-table" when i + 1 < args.Length:
                    accounts = args[++i];
                    break;
                case "--token-table" when i + 1 < args.Length:
                    tokens = args[++i];
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                default:
                    problem = $"unknown or incomplete argument '{args[i]}'";
                    return false;
            }
        }

        if (fromStdin)
        {
            from = stdin.ReadLine();
        }

        if (from is null || provider is null)
        {
            problem = from is null ? "--from (or --from-stdin) is required" : "--from-provider is required (Postgres or Sqlite)";
            return false;
        }

        command = new AdoptFastApiUsersCommand
        {
            ConnectionString = from,
            Provider = provider,
            UserTable = users,
            OAuthTable = accounts,
            TokenTable = tokens,
            DryRun = dryRun,
        };
        problem = string.Empty;
        return true;
    }
}
