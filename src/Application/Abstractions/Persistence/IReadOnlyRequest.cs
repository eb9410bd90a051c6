namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// Marks a request that only reads (a query): when the database, or Redis where it holds tokens, fails in a way that
/// passes (<see cref="DatabaseErrorKind.Unavailable"/>: a dropped connection, a restart, a busy SQLite file), the pipeline
/// runs it again after a short pause instead of answering 503 at once. Its handler may write nothing but what is
/// idempotent by construction (the session's last use, which is set only when older than the new value), so that a
/// second run never applies a change twice. Commands are never marked: a write whose answer was lost may have committed.
/// </summary>
public interface IReadOnlyRequest;
