using SchemaAudit.Analysis;

namespace SchemaAudit.Configuration;

/// <summary>Settings from <c>.schema-audit.yml</c> (or defaults when there is none).</summary>
public sealed class AuditConfig
{
    public static AuditConfig Default => new();

    /// <summary>Rules switched on or off by id. Rules not named keep their default (on).</summary>
    public Dictionary<string, bool> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>Severity overrides by rule id.</summary>
    public Dictionary<string, Severity> Severities { get; } = new(StringComparer.Ordinal);

    /// <summary>Glob patterns (relative to the root, gitignore-like) of paths not to audit.</summary>
    public List<string> Exclude { get; } = [];

    /// <summary>The file this came from, for messages; null for defaults.</summary>
    public string? SourcePath { get; init; }

    public bool IsEnabled(string ruleId) => !Rules.TryGetValue(ruleId, out var on) || on;
}
