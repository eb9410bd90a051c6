using System.Buffers;
using System.Buffers.Text;

namespace Users.Application.Common;

/// <summary>
/// The opaque <c>next_cursor</c> of keyset-paginated lists (users, audit entries): the last id of a page, as URL-safe
/// base64 of its 16 bytes. Opaque so clients do not build cursors themselves, and the encoding can change without
/// breaking them.
/// </summary>
public static class KeysetCursor
{
    /// <summary>The id a page continues after: the cursor's, or <c>null</c> for the first page.</summary>
    public static Guid? LastIdOf(string? cursor) => cursor is not null && TryDecode(cursor, out var id) ? id : null;

    /// <summary>
    /// The page shown from <paramref name="rows"/>, read with one row more than <paramref name="limit"/> (that extra row
    /// tells whether another page follows, without a count query), and the cursor of the next page, if any.
    /// </summary>
    public static (IReadOnlyList<T> Shown, string? Next) Page<T>(IReadOnlyList<T> rows, int limit, Func<T, Guid> idOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(idOf);
        var shown = rows.Take(limit).ToList();
        return (shown, rows.Count > limit ? Encode(idOf(shown[^1])) : null);
    }

    public static string Encode(Guid lastId) => Base64Url.EncodeToString(lastId.ToByteArray(bigEndian: true));

    public static bool TryDecode(string cursor, out Guid lastId)
    {
        lastId = Guid.Empty;
        Span<byte> bytes = stackalloc byte[16];
        // DecodeFromChars reports bad input as a status; TryDecodeFromChars throws FormatException on it.
        if (cursor.Length != 22
            || Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != OperationStatus.Done
            || written != 16)
        {
            return false;
        }

        lastId = new Guid(bytes, bigEndian: true);
        return true;
    }
}
