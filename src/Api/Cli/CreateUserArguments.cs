namespace Users.Api.Cli;

/// <summary>The parsed arguments of <c>create-user</c>.</summary>
public sealed record CreateUserArguments(string Email, string Password, bool IsActive, bool IsSuperuser, bool IsVerified)
{
    /// <summary>
    /// Parses <paramref name="args"/>. <c>--password-stdin</c> reads the password from the first line of
    /// <paramref name="stdin"/>, which keeps it out of the process list and the shell history.
    /// </summary>
    public static bool TryParse(string[] args, TextReader stdin, out CreateUserArguments arguments, out string problem)
    {
        arguments = new CreateUserArguments(string.Empty, string.Empty, true, false, false);
        string? email = null, password = null;
        bool superuser = false, verified = false, inactive = false, passwordFromStdin = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--email" when i + 1 < args.Length:
                    email = args[++i];
                    break;
                case "--password" when i + 1 < args.Length:
                    password = args[++i];
                    break;
                case "--password-stdin":
                    passwordFromStdin = true;
                    break;
                case "--superuser":
                    superuser = true;
                    break;
                case "--verified":
                    verified = true;
                    break;
                case "--inactive":
                    inactive = true;
                    break;
                default:
                    problem = $"unknown or incomplete argument '{args[i]}'";
                    return false;
            }
        }

        if (passwordFromStdin)
        {
            password = stdin.ReadLine();
        }

        if (email is null || password is null)
        {
            problem = email is null ? "--email is required" : "--password (or --password-stdin) is required";
            return false;
        }

        arguments = new CreateUserArguments(email, password, !inactive, superuser, verified);
        problem = string.Empty;
        return true;
    }
}
