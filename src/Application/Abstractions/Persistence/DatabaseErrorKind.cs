namespace Users.Application.Abstractions.Persistence;

/// <summary>What a database failure means for the client (see <see cref="IDatabaseErrorClassifier"/>).</summary>
public enum DatabaseErrorKind
{
    /// <summary>Not a database failure.</summary>
    None,

    /// <summary>The database cannot be reached or cannot take the request now (an outage, a timeout, a full disk): worth retrying later.</summary>
    Unavailable,

    /// <summary>The database refused the change because it breaks an integrity constraint that no earlier check caught.</summary>
    ConstraintViolation,

    /// <summary>Any other database error: a bug, typically a validation rule that lets through what the schema refuses.</summary>
    Other,
}
