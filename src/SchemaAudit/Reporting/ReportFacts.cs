using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Rules;

namespace SchemaAudit.Reporting;

/// <summary>The findings of one rule (active ones only), for sections that group by rule.</summary>
internal sealed record RuleGroup(string RuleId, Severity Severity, RuleMetadata? Metadata, IReadOnlyList<Finding> Findings)
{
    public string Title => Metadata?.Title ?? RuleId;
    public Finding First => Findings[0];
}

/// <summary>
/// What every human-readable reporter derives from a result, computed once: active findings by
/// severity, groups by rule, rule metadata, and which rules passed.
/// </summary>
internal sealed class ReportFacts
{
    private readonly Dictionary<string, RuleMetadata> _metadata = new(StringComparer.Ordinal);

    public ReportFacts(AuditResult result)
    {
        Result = result;
        // Rules that ran take precedence (they carry the metadata the engine used), then the catalog.
        foreach (var rule in result.RulesRun) _metadata.TryAdd(rule.Id, rule.Metadata);
        foreach (var meta in RuleRegistry.AllMetadata) _metadata.TryAdd(meta.Id, meta);

        var active = new List<Finding>();
        var suppressed = new List<Finding>();
        // The runner sorts findings; sorting again (stable) keeps hand-built results deterministic too.
        Findings = [.. result.Findings.OrderBy(f => f, Comparer<Finding>.Create(AuditEngine.CompareFindings))];
        foreach (var f in Findings)
            (f.IsSuppressed ? suppressed : active).Add(f);
        Active = active;
        Suppressed = suppressed;

        // A rule's findings keep the report order (path, line); groups go by severity, then size, then id.
        Groups = [.. active
            .GroupBy(f => (f.RuleId, f.Severity))
            .Select(g => new RuleGroup(g.Key.RuleId, g.Key.Severity, Metadata(g.Key.RuleId), [.. g]))
            .OrderBy(g => g.Severity)
            .ThenByDescending(g => g.Findings.Count)
            .ThenBy(g => g.RuleId, StringComparer.Ordinal)];

        // A suppressed finding is still a finding: its rule did not pass, it was silenced.
        var firing = new HashSet<string>(Findings.Select(f => f.RuleId), StringComparer.Ordinal);
        PassedRules = [.. result.RulesRun.Where(r => !firing.Contains(r.Id)).OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    public AuditResult Result { get; }

    /// <summary>All findings, suppressed ones included, in report order (path, line, column, rule id).</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Findings that count (not suppressed), in report order.</summary>
    public IReadOnlyList<Finding> Active { get; }

    public IReadOnlyList<Finding> Suppressed { get; }

    public IReadOnlyList<RuleGroup> Groups { get; }

    /// <summary>Rules that ran and reported nothing, not even a suppressed finding; sorted by id.</summary>
    public IReadOnlyList<Rule> PassedRules { get; }

    public RuleMetadata? Metadata(string ruleId) => _metadata.GetValueOrDefault(ruleId);

    public int Count(Severity severity)
    {
        var n = 0;
        foreach (var f in Active)
            if (f.Severity == severity) n++;
        return n;
    }

    public IEnumerable<RuleGroup> GroupsOf(Severity severity) => Groups.Where(g => g.Severity == severity);

    /// <summary>Diagnostics in path, line, column order (front-ends may add them in any order).</summary>
    public static IEnumerable<Diagnostic> SortedDiagnostics(Schema schema) =>
        schema.Diagnostics
            .OrderBy(d => d.Span.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Line)
            .ThenBy(d => d.Span.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal);
}
