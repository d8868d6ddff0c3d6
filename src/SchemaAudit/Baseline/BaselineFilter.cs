using SchemaAudit.Analysis;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Baseline;

/// <summary>
/// Keeps only the findings a baseline does not know, so a team adopting the tool on an old schema
/// fails the build on new defects only. The score is recomputed on what remains.
/// </summary>
public static class BaselineFilter
{
    public static AuditResult Apply(AuditResult result, IReadOnlyList<BaselineEntry> baseline)
    {
        var known = new HashSet<string>(baseline.Select(e => e.Fingerprint), StringComparer.Ordinal);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<Finding>();
        foreach (var finding in FindingFingerprints.Assign(result.Findings))
        {
            if (!finding.IsSuppressed && known.Contains(finding.Fingerprint!))
            {
                matched.Add(finding.Fingerprint!);
                continue;
            }
            kept.Add(finding);
        }
        var newCount = kept.Count(f => !f.IsSuppressed);
        return new AuditResult
        {
            Root = result.Root,
            Schema = result.Schema,
            Views = result.Views,
            Findings = kept,
            RulesRun = result.RulesRun,
            Score = Score.Compute(kept.Where(f => !f.IsSuppressed), result.Schema),
            Statistics = result.Statistics,
            Baseline = new BaselineSummary(newCount, matched.Count, known.Count - matched.Count),
            ConfigurationFile = result.ConfigurationFile,
        };
    }
}
