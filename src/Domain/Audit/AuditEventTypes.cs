using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Users.Domain.Audit;

/// <summary>The contract's names of the audit event types: snake_case of the enum member (<c>login_succeeded</c>).</summary>
public static partial class AuditEventTypes
{
    /// <summary>Longest name stored.</summary>
    public const int NameLength = 40;

    private static readonly FrozenDictionary<AuditEventType, string> Names =
        Enum.GetValues<AuditEventType>().ToFrozenDictionary(t => t, t => WordStart().Replace(t.ToString(), "_$1").ToLowerInvariant());

    private static readonly FrozenDictionary<string, AuditEventType> Types =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(AuditEventType type) => Names[type];

    public static AuditEventType Parse(string name) =>
        Types.TryGetValue(name, out var type) ? type : throw new ArgumentException($"'{name}' is not an audit event type.", nameof(name));

    [GeneratedRegex("(?<=[a-z])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex WordStart();
}
