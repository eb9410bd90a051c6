namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// Tells database failures apart without the caller knowing the provider, so that only an outage answers "try again
/// later", a broken constraint answers as a conflict, and anything else is reported as the bug it is.
/// </summary>
public interface IDatabaseErrorClassifier
{
    /// <summary>
    /// Classifies <paramref name="exception"/> by the database failures anywhere in its chain of inner exceptions (the
    /// data access layer wraps the provider's); <see cref="DatabaseErrorClassification.None"/> when it holds none.
    /// </summary>
    DatabaseErrorClassification Classify(Exception exception);
}
