using System.Text.Json;

namespace Users.TestSupport;

/// <summary>A password and a hash of it made by a tool independent of this repository.</summary>
public sealed record PasswordHashVector(string Tool, string Password, string Hash)
{
    /// <summary>The hash's parameters as the tests name them, e.g. <c>$argon2id$v=19$m=65536,t=3,p=4</c> or <c>$2b$12</c>.</summary>
    public string Profile => Hash.StartsWith("$argon2", StringComparison.Ordinal)
        ? string.Join('$', Hash.Split('$')[..4])
        : Hash[..6];

    public override string ToString() => $"{Tool} {Profile} ({Password.Length} chars)";
}

/// <summary>
/// The hashes of <c>tests/vectors/password-hashes.json</c>, made by argon2-cffi (FastAPI Users' Argon2), the Argon2
/// reference implementation's CLI, pyca bcrypt and passlib with <c>tests/vectors/make-password-hashes.py</c>.
/// </summary>
public static class PasswordHashVectors
{
    private static readonly Lazy<IReadOnlyList<PasswordHashVector>> Vectors = new(Load);

    public static IReadOnlyList<PasswordHashVector> All => Vectors.Value;

    /// <summary>The vectors whose hash starts with <paramref name="prefix"/>.</summary>
    public static IEnumerable<PasswordHashVector> Starting(string prefix) =>
        All.Where(v => v.Hash.StartsWith(prefix, StringComparison.Ordinal));

    private static List<PasswordHashVector> Load()
    {
        using var stream = typeof(PasswordHashVectors).Assembly.GetManifestResourceStream("password-hashes.json")
            ?? throw new InvalidOperationException("password-hashes.json is not embedded in Users.TestSupport.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("vectors").EnumerateArray()
            .Select(v => new PasswordHashVector(
                v.GetProperty("tool").GetString()!, v.GetProperty("password").GetString()!, v.GetProperty("hash").GetString()!))
            .ToList();
    }
}
