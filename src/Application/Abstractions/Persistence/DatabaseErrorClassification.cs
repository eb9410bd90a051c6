namespace Users.Application.Abstractions.Persistence;

/// <summary>The outcome of <see cref="IDatabaseErrorClassifier.Classify"/>.</summary>
/// <param name="Kind">What the failure means.</param>
/// <param name="ConstraintName">For a constraint violation, the constraint the database named, if it named one; never a value.</param>
public sealed record DatabaseErrorClassification(DatabaseErrorKind Kind, string? ConstraintName = null)
{
    public static readonly DatabaseErrorClassification None = new(DatabaseErrorKind.None);
}
