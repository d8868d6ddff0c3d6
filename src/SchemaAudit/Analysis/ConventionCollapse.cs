using SchemaAudit.Model;

namespace SchemaAudit.Analysis;

/// <summary>
/// One finding per root cause: when a rule with a <see cref="ConventionPolicy"/> fires in enough places across
/// enough tables, its findings become one project-level finding at the first place, naming every other place
/// (<see cref="Finding.RelatedSpans"/>), the tables reached and the count. Suppressed findings and findings that
/// stand apart are kept as they are. Findings of one rule at different severities are different habits (a nullable
/// timestamp with a default is not one without), so each severity collapses on its own. Linear in the number of findings.
/// </summary>
public static class ConventionCollapse
{
    public static List<Finding> Apply(List<Finding> findings, IReadOnlyDictionary<string, ConventionPolicy> policies)
    {
        if (policies.Count == 0) return findings;
        var candidates = new Dictionary<(string RuleId, Severity Severity), List<Finding>>();
        foreach (var f in findings)
        {
            if (f.IsSuppressed || !policies.TryGetValue(f.RuleId, out var policy)) continue;
            if (policy.StandsApart?.Invoke(f) == true) continue;
            if (!candidates.TryGetValue((f.RuleId, f.Severity), out var list)) candidates[(f.RuleId, f.Severity)] = list = [];
            list.Add(f);
        }

        var collapsed = new Dictionary<(string RuleId, Severity Severity), Finding>();
        var merged = new HashSet<Finding>(ReferenceEqualityComparer.Instance);
        foreach (var (key, list) in candidates)
        {
            var policy = policies[key.RuleId];
            var tables = TablesOf(list);
            var occurrences = list.Sum(f => f.Occurrences);
            if (occurrences < policy.MinOccurrences || tables.Count < policy.MinTables) continue;
            list.Sort(AuditEngine.CompareFindings);
            var first = list[0];
            collapsed[key] = first with
            {
                Severity = policy.Severity ?? key.Severity,
                Message = policy.Message(occurrences, tables.Count),
                Recommendation = policy.Recommendation,
                Table = null,
                ColumnName = null,
                Tables = tables,
                Occurrences = occurrences,
                RelatedSpans = [.. list.Skip(1).Select(f => f.Span).Where(s => !s.IsNone).Distinct()],
            };
            foreach (var f in list) merged.Add(f);
        }
        if (collapsed.Count == 0) return findings;

        var result = new List<Finding>(findings.Count - merged.Count + collapsed.Count);
        foreach (var f in findings)
        {
            if (!merged.Contains(f)) result.Add(f);
            else if (collapsed.Remove((f.RuleId, f.Severity), out var one)) result.Add(one);
        }
        return result;
    }

    // Tables in first-seen order, each once.
    private static List<string> TablesOf(List<Finding> findings)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tables = new List<string>();
        foreach (var f in findings)
            foreach (var t in f.TablesReached)
                if (seen.Add(t)) tables.Add(t);
        return tables;
    }
}
