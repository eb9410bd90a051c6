namespace Users.Domain.Common;

/// <summary>
/// Something that happened to an aggregate: a plain domain type. Raised by the aggregate; the Application layer hands
/// it to its handlers only after the unit of work has committed, so handlers never see a change that was rolled back.
/// </summary>
public interface IDomainEvent;
