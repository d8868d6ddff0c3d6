using SchemaAudit.Analysis;

namespace SchemaAudit.Configuration;

/// <summary>Settings from <c>.schema-audit.yml</c> (or defaults when there is none).</summary>
public sealed class AuditConfig
{
    /// <summary>The file names looked for, in order, from the audited path upwards.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [".schema-audit.yml", ".schema-audit.yaml"];

    public static AuditConfig Default => new();

    /// <summary>Rules switched on or off by id. Rules not named keep their default (on).</summary>
    public Dictionary<string, bool> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>Severity overrides by rule id.</summary>
    public Dictionary<string, Severity> Severities { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Glob patterns (gitignore-like, relative to <see cref="BaseDirectory"/>) of paths not to audit.
    /// </summary>
    public List<string> Exclude { get; } = [];

    /// <summary>
    /// <c>--all</c>: rules of medium or low precision report at their own severity instead of at most a suggestion
    /// (see <see cref="Analysis.PrecisionGate"/>).
    /// </summary>
    public bool AllAtOwnSeverity { get; set; }

    /// <summary>The default for <c>--fail-on</c>; null when the configuration does not say.</summary>
    public FailOn? FailOn { get; set; }

    /// <summary>The file this came from, for messages; null for defaults.</summary>
    public string? SourcePath { get; init; }

    /// <summary>How the file is named in reports (relative to the working directory when below it); null for defaults.</summary>
    public string? DisplayPath { get; init; }

    /// <summary>
    /// The directory <see cref="Exclude"/> patterns are relative to: the configuration file's
    /// directory, or null (then the audited root) when there is no file.
    /// </summary>
    public string? BaseDirectory => SourcePath is null ? null : Path.GetDirectoryName(Path.GetFullPath(SourcePath));

    public bool IsEnabled(string ruleId) => !Rules.TryGetValue(ruleId, out var on) || on;
}
