namespace Users.Domain.Common;

/// <summary>Builds <see cref="Optional{T}"/> values with the type inferred.</summary>
public static class OptionalValue
{
    public static Optional<T> Of<T>(T value) => new(value);
}
