namespace Users.Application.Audit.Queries.ListAuditEvents;

/// <summary>A page of audit entries, newest first; <see cref="NextCursor"/> is <c>null</c> on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEventRead> Items, string? NextCursor);
