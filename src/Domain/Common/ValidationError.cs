namespace Users.Domain.Common;

/// <summary>The request failed validation; carries every failure so the client can fix them all at once.</summary>
public sealed record ValidationError(IReadOnlyList<FieldFailure> Failures)
    : Error("VALIDATION_ERROR", ErrorKind.Validation, "One or more fields are invalid.")
{
    public static ValidationError For(string source, string field, string type, string message) =>
        new([new FieldFailure([source, field], type, message)]);
}
