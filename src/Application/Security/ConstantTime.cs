using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Users.Application.Security;

/// <summary>Comparisons of secrets whose time does not depend on where they first differ.</summary>
public static class ConstantTime
{
    /// <summary>
    /// Whether two strings are equal, compared over their characters in constant time (for equal lengths): no byte arrays
    /// allocated, so it suits the per-request checks too.
    /// </summary>
    public static bool Equals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected.AsSpan()), MemoryMarshal.AsBytes(presented.AsSpan()));
}
