namespace Users.Domain.Common;

/// <summary>
/// Version-7 UUIDs that also keep their order within one millisecond in this process: each is greater than the last
/// one made (.NET's own <see cref="Guid.CreateVersion7(DateTimeOffset)"/> fills the rest of the millisecond at random,
/// so two made in the same millisecond sort either way). Lists ordered by id (the audit trail, sessions) then show
/// what one request recorded in the order it happened.
/// </summary>
public static class TimeOrderedIds
{
    private static readonly Lock Gate = new();
    private static UInt128 _last;

    public static Guid Next(DateTimeOffset at)
    {
        var candidate = ToNumber(Guid.CreateVersion7(at));
        lock (Gate)
        {
            // Within the last one's millisecond, never below it: one more (the increment lands in the random bits, so
            // the id keeps its version and timestamp). An earlier millisecond (a clock set back) keeps its own id.
            if (Millisecond(candidate) == Millisecond(_last) && candidate <= _last)
            {
                candidate = _last + 1;
            }

            if (candidate > _last)
            {
                _last = candidate;
            }

            return FromNumber(candidate);
        }
    }

    // The first 48 bits of a version-7 UUID: Unix milliseconds.
    private static ulong Millisecond(UInt128 id) => (ulong)(id >> 80);

    private static UInt128 ToNumber(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static Guid FromNumber(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }
}
