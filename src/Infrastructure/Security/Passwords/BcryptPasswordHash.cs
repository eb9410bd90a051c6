using System.Globalization;
using System.Text.RegularExpressions;
using Users.Application.Abstractions.Security;

namespace Users.Infrastructure.Security.Passwords;

/// <summary>
/// bcrypt hashes as passlib and pyca bcrypt wrote them for FastAPI Users before version 13
/// (<c>$2b$12$&lt;22-character salt&gt;&lt;31-character hash&gt;</c>; <c>$2a$</c> and <c>$2y$</c> too), verified
/// with BCrypt.Net-Next. Only verified, never made: a match is always re-hashed with the configured algorithm.
/// Like every bcrypt, only the first 72 bytes of the password's UTF-8 count, as they did when the hash was made.
/// </summary>
public sealed partial class BcryptPasswordHash : IPasswordHashFormat
{
    // Cost 12 is FastAPI Users' (passlib's default); a corrupt row must not ask for 2^31 rounds.
    private const int MaximumCost = 16;

    public bool Recognizes(string hash) =>
        hash is not null && hash.Length > 4 && hash[0] == '$' && hash[1] == '2' && hash[2] is 'a' or 'b' or 'y' && hash[3] == '$';

    public PasswordVerification Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (hash is null || !Shape().IsMatch(hash)
            || int.Parse(hash.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture) is < 4 or > MaximumCost)
        {
            return PasswordVerification.UnknownFormat;
        }

        // BCrypt.Net compares the whole hash string in constant time.
        return BCrypt.Net.BCrypt.Verify(password, hash)
            ? PasswordVerification.SuccessRehashNeeded
            : PasswordVerification.Failed;
    }

    [GeneratedRegex(@"\A\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
