namespace Users.Domain.Common;

/// <summary>
/// A value that may be left out. A PATCH needs three states per member: absent (leave as is), present and
/// <c>null</c>, present with a value. <c>default</c> is the absent state; <see cref="Value"/> is then <c>default(T)</c>.
/// </summary>
public readonly record struct Optional<T>
{
    public Optional(T value)
    {
        IsSet = true;
        Value = value;
    }

    /// <summary>Whether the value was given at all (it may still be <c>null</c>).</summary>
    public bool IsSet { get; }

    public T Value { get; }

#pragma warning disable CA2225 // the named alternate is OptionalValue.Of
    public static implicit operator Optional<T>(T value) => new(value);
#pragma warning restore CA2225

    public override string ToString() => IsSet ? $"{Value}" : "(unset)";
}
