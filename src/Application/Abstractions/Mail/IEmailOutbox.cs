namespace Users.Application.Abstractions.Mail;

/// <summary>
/// The outbox of the current unit of work. A message added here is stored by the unit of work's next commit, in the
/// same transaction as the change that caused it (no mail for a change that was not stored, no stored change without
/// its mail), and delivered after that commit by whichever instance claims it first. Add mail from an
/// <see cref="Common.Events.ITransactionalDomainEventHandler{TEvent}"/>, which runs inside the unit of work.
/// Adding never waits on a mail server, so a request is never held up (or timed) by one.
/// </summary>
public interface IEmailOutbox
{
    void Add(EmailMessage message);
}
