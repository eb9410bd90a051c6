namespace Users.Api.Json;

/// <summary>A JSON member as sent: absent, explicitly <c>null</c>, or a value.</summary>
public readonly record struct Field<T>(bool IsPresent, bool IsNull, T? Value)
{
    public static Field<T> Absent => default;

    public static Field<T> Null => new(true, true, default);

    public static Field<T> Of(T value) => new(true, false, value);

    /// <summary>The value, or <c>default</c> when absent or null.</summary>
    public T? OrDefault => IsPresent && !IsNull ? Value : default;
}
