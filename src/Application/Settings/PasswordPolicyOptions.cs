namespace Users.Application.Settings;

/// <summary>The default password policy's limits (<c>Auth:Password</c>).</summary>
public sealed class PasswordPolicyOptions
{
    /// <summary>Fewest code points after NFC normalization. 8 is OWASP ASVS 5.0's floor; NIST SP 800-63B-4 asks 15 for a sole factor.</summary>
    public int MinLength { get; set; } = 8;

    /// <summary>Most code points after NFC normalization (long enough for passphrases, short enough to bound hashing work).</summary>
    public int MaxLength { get; set; } = 128;
}
