using Users.TestSupport;

namespace Users.Infrastructure.UnitTests.Security.Passwords;

/// <summary>Password-hash vectors as theory rows of strings, so each is a test case of its own.</summary>
internal static class VectorTheories
{
    public static TheoryData<string, string, string> Starting(params string[] prefixes)
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var vector in prefixes.SelectMany(PasswordHashVectors.Starting))
        {
            rows.Add(vector.Tool, vector.Password, vector.Hash);
        }

        return rows;
    }
}
