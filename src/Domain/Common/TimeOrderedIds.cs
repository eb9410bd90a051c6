using System.Buffers.Binary;

namespace Users.Domain.Common;

/// <summary>
/// Version-7 UUIDs for several records made at one instant, in the order they are made. .NET's own
/// <see cref="Guid.CreateVersion7(DateTimeOffset)"/> fills the rest of the millisecond at random, so two made in the
/// same millisecond sort either way; a sequence starts from one of those and counts up, so what one commit records
/// (the audit entries of one change) lists in the order it happened.
/// </summary>
public static class TimeOrderedIds
{
    /// <summary>A source of ids: the first a version-7 UUID of <paramref name="at"/>, each next one greater by one.</summary>
    public static Func<Guid> Sequence(DateTimeOffset at)
    {
        // The count lands in the random bits: each id keeps its version and its timestamp.
        var next = ToNumber(Guid.CreateVersion7(at));
        return () => FromNumber(next++);
    }

    private static UInt128 ToNumber(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static Guid FromNumber(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }
}
