namespace Users.Infrastructure.Security.Passwords;

/// <summary>
/// The base64 of PHC hash strings: the standard alphabet without padding (padding is accepted when reading, as
/// passlib writes none and some tools do).
/// </summary>
internal static class PhcBase64
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Decodes <paramref name="text"/> when it is well formed and holds between the given numbers of bytes.</summary>
    public static bool TryDecode(string text, int minimumBytes, int maximumBytes, out byte[] bytes)
    {
        bytes = [];
        var unpadded = text.TrimEnd('=');
        if (unpadded.Length == 0
            || unpadded.Length % 4 == 1
            || text.Length - unpadded.Length > 2
            || !unpadded.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
        {
            return false;
        }

        var padded = unpadded.PadRight(unpadded.Length + ((4 - (unpadded.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written) || written < minimumBytes || written > maximumBytes)
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
