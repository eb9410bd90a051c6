using Users.Application.Abstractions.Security;

namespace Users.Infrastructure.Security;

/// <summary>
/// The 30,000 most common passwords, ranked by frequency, from zxcvbn's <c>passwords.lst</c> (Dropbox's list,
/// derived from Mark Burnett's 10-million-password corpus and Xato's data), as embedded in the zxcvbn-core package.
/// Loaded once, on first use.
/// </summary>
public sealed class ZxcvbnCommonPasswordList : ICommonPasswordList
{
    public const string ResourceName = "zxcvbn-core.Dictionaries.passwords.lst";

    private static readonly Lazy<HashSet<string>> Passwords = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>How many distinct passwords (ignoring case) the list holds.</summary>
    public static int Count => Passwords.Value.Count;

    public bool Contains(string password) => password is not null && Passwords.Value.Contains(password);

    private static HashSet<string> Load()
    {
        var assembly = typeof(Zxcvbn.Zxcvbn).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The common-password list '{ResourceName}' is not embedded in {assembly.GetName().Name}; "
                + "the zxcvbn-core package version probably changed. Pin zxcvbn-core 1.1.17 or replace ICommonPasswordList.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            var password = line.Trim();
            if (password.Length > 0)
            {
                passwords.Add(password);
            }
        }

        return passwords;
    }
}
