using System.Globalization;
using Users.Application.Abstractions.Adoption;

namespace Users.Infrastructure.Adoption;

/// <summary>A custom column's value as the deployment's driver returned it, converted to the type of our matching field.</summary>
internal static class CarriedValues
{
    public static object? Convert(object? value, Type target, string column, Guid userId)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        try
        {
            return value switch
            {
                null => null,
                _ when type.IsInstanceOfType(value) => value,
                _ when type == typeof(DateTimeOffset) => SourceValues.Instant(value, column),
                _ when type == typeof(Guid) => SourceValues.Guid(value, column),
                _ when type == typeof(bool) => SourceValues.Boolean(value, column),
                _ => System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new AdoptionSourceException(
                $"Column {column} of user {userId:D} holds '{value}', which does not fit our field of type {type.Name}: {e.Message}", e);
        }
    }
}
