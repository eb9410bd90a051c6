namespace Users.Application.Abstractions.Adoption;

/// <summary>Reads an existing FastAPI Users deployment's tables (PostgreSQL or SQLite); never writes to it.</summary>
public interface IFastApiUsersReader
{
    /// <summary>
    /// Reads the three tables. Throws <see cref="AdoptionSourceException"/> with a sentence for the operator when the
    /// database cannot be opened, the user table is missing or lacks one of FastAPI Users' columns, or a row cannot be
    /// read (an id that is not a UUID).
    /// </summary>
    Task<FastApiUsersSnapshot> ReadAsync(FastApiUsersSource source, IProgress<AdoptionProgress>? progress, CancellationToken cancellationToken);
}
