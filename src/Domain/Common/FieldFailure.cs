namespace Users.Domain.Common;

/// <summary>
/// One request-validation failure: where (<c>["body","email"]</c>), what kind (FastAPI's vocabulary:
/// <c>missing</c>, <c>value_error</c>, ...) and a human message.
/// </summary>
public sealed record FieldFailure(IReadOnlyList<string> Location, string Type, string Message);
