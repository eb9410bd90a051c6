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

    /// <summary>
    /// Records that a mail was asked for and withheld, because the address has no account or none the request may mail.
    /// The unit of work's next commit stores it as a real mail is stored, so that the answer costs the same time whether
    /// the address is registered or not (a request that stored nothing would answer measurably sooner). The record holds
    /// neither the address nor a body, and is never sent.
    /// </summary>
    void AddWithheld();
}
