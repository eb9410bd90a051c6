namespace Users.Application.Abstractions.Mail;

/// <summary>A plain-text message to one recipient.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody);
