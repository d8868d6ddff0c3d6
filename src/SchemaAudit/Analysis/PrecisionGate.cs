using SchemaAudit.Configuration;
using SchemaAudit.Rules;

namespace SchemaAudit.Analysis;

/// <summary>
/// The default run speaks loudly only through precise rules (as CodeQL's default suites run only high and very-high
/// precision queries): a finding of a rule measured <see cref="PrecisionLevel.Medium"/> or <see cref="PrecisionLevel.Low"/>
/// is lowered to a suggestion, and the report shows it in its design-review part. <c>--all</c>
/// (<see cref="AuditConfig.AllAtOwnSeverity"/>) keeps every rule's own severity, and a severity the configuration sets
/// for a rule is the user's choice, kept as it is. This is the only place that acts on precision; rules do not.
/// </summary>
public static class PrecisionGate
{
    public static List<Finding> Apply(List<Finding> findings, AuditConfig config)
    {
        if (config.AllAtOwnSeverity) return findings;
        var result = new List<Finding>(findings.Count);
        foreach (var f in findings)
            result.Add(Lowers(f, config) ? f with { Severity = Severity.Suggestion } : f);
        return result;
    }

    /// <summary>True when the default run reports this finding as a suggestion rather than at its severity.</summary>
    public static bool Lowers(Finding f, AuditConfig config) =>
        !config.AllAtOwnSeverity
        && f.Severity.IsAtLeast(Severity.Warning)
        && !config.Severities.ContainsKey(f.RuleId)
        && RuleRegistry.FindMetadata(f.RuleId) is { Precision.ReportsAtOwnSeverity: false };
}
