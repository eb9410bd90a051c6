using MediatR;

namespace Users.Domain.Common;

/// <summary>
/// Something that happened to an aggregate. Raised by the aggregate, published as a MediatR
/// notification only after the unit of work has committed, so handlers never see a change that was rolled back.
/// </summary>
public interface IDomainEvent : INotification;
