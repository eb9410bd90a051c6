namespace Users.Application.Abstractions.Persistence;

/// <summary>
/// Marks a command that reads a user, decides, and writes it back: when its commit loses a race
/// (<see cref="ConcurrencyConflictException"/>), the pipeline runs it again on the fresh row. Its handler must decide
/// only from what it reads (so the second attempt sees a spent token as spent) and do nothing irreversible before the
/// commit. Unmarked commands, and marked ones that keep losing, answer the conflict as 409.
/// </summary>
public interface IRetryOnConflict;
