using SchemaAudit.Configuration;
using SchemaAudit.Model;
using SchemaAudit.Rules;

namespace SchemaAudit.Analysis;

/// <summary>
/// Runs the enabled rules over one schema, applies configuration (severity overrides) and
/// inline suppressions, and reports suppressions that matched nothing.
/// </summary>
public static class AuditEngine
{
    public static IReadOnlyList<Finding> Run(Schema schema, IReadOnlyList<Rule> rules, AuditConfig config)
    {
        var result = ApplySuppressions(RunRules(schema, rules, config), schema.Suppressions, config);
        result.Sort(CompareFindings);
        return result;
    }

    /// <summary>Runs the rules on one view, with severity overrides applied; no suppressions yet.</summary>
    /// <param name="otherViews">The project's other views, which rules may consult (see <see cref="RuleContext.OtherViews"/>).</param>
    public static List<Finding> RunRules(Schema schema, IReadOnlyList<Rule> rules, AuditConfig config, IReadOnlyList<Schema>? otherViews = null)
    {
        var context = new RuleContext(schema, otherViews ?? []);
        // Rules only read the model and the context, so they run in parallel; their findings are
        // gathered in rule order below, so the output does not depend on scheduling.
        var found = new List<Finding>[rules.Count];
        var errors = new Exception?[rules.Count];
        Parallel.For(0, rules.Count, i =>
        {
            found[i] = [];
            try
            {
                foreach (var finding in rules[i].Check(context)) found[i].Add(finding);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                errors[i] = ex;
            }
        });

        var findings = new List<Finding>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            foreach (var finding in found[i])
            {
                var withLanguage = finding.SnippetLanguage is null && (finding.Before is not null || finding.After is not null)
                    ? finding with { SnippetLanguage = FixLanguages.FenceName(FixLanguages.Of(schema, finding.Span), finding.Span.Path) }
                    : finding;
                findings.Add(config.Severities.TryGetValue(rule.Id, out var severity)
                    ? withLanguage with { Severity = severity }
                    : withLanguage);
            }
            // A broken rule is our bug, not the user's: say so (after what it found) and let the other rules run.
            if (errors[i] is { } ex)
                schema.Diagnostics.Add(new Diagnostic(SourceSpan.None,
                    $"internal error in rule `{rule.Id}`: {ex.GetType().Name}: {ex.Message}"));
        }
        return findings;
    }

    /// <summary>Deterministic report order: path, line, column, rule id, message.</summary>
    public static int CompareFindings(Finding a, Finding b)
    {
        var c = string.CompareOrdinal(a.Span.Path, b.Span.Path);
        if (c != 0) return c;
        c = a.Span.Line.CompareTo(b.Span.Line);
        if (c != 0) return c;
        c = a.Span.Column.CompareTo(b.Span.Column);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.RuleId, b.RuleId);
        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }

    // A comment suppresses findings on its own line and on the line of code it stands above
    // (see SuppressionScanner); the first matching comment takes the credit.
    public static List<Finding> ApplySuppressions(List<Finding> findings, List<InlineSuppression> suppressions, AuditConfig config)
    {
        if (suppressions.Count == 0) return findings;

        var byLine = new Dictionary<(string Path, int Line), List<InlineSuppression>>();
        foreach (var s in suppressions)
        {
            var target = s.AppliesToLine > 0 ? s.AppliesToLine : s.Span.Line + 1;
            AddAt(byLine, (s.Span.Path, s.Span.Line), s);
            if (target != s.Span.Line) AddAt(byLine, (s.Span.Path, target), s);
        }

        var used = new HashSet<(InlineSuppression, string)>();
        var result = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            var match = byLine.TryGetValue((f.Span.Path, f.Span.Line), out var candidates)
                ? candidates.Find(s => s.RuleIds.Count == 0 || s.RuleIds.Contains(f.RuleId))
                : null;
            if (match is null)
            {
                result.Add(f);
                continue;
            }
            used.Add((match, match.RuleIds.Count == 0 ? "*" : f.RuleId));
            result.Add(f with { SuppressedBy = $"inline comment at {match.Span.Path}:{match.Span.Line}" });
        }

        if (config.IsEnabled(RuleRegistry.UnusedSuppression.Id))
            result.AddRange(UnusedSuppressions(suppressions, used, config));
        return result;
    }

    private static IEnumerable<Finding> UnusedSuppressions(List<InlineSuppression> suppressions, HashSet<(InlineSuppression, string)> used, AuditConfig config)
    {
        var meta = RuleRegistry.UnusedSuppression;
        var known = new HashSet<string>(RuleRegistry.AllMetadata.Select(m => m.Id), StringComparer.Ordinal);
        foreach (var s in suppressions)
        {
            var ids = s.RuleIds.Count == 0 ? ["*"] : s.RuleIds;
            foreach (var id in ids)
            {
                // A suppression for a rule switched off in the configuration is not "unused".
                if (used.Contains((s, id)) || (id != "*" && !config.IsEnabled(id))) continue;
                var message = id == "*"
                    ? "The ignore comment for all rules suppresses nothing."
                    : known.Contains(id)
                        ? $"The ignore comment for `{id}` suppresses nothing."
                        : $"The ignore comment names `{id}`, which is not a rule id{NameSuggestions.DidYouMean(id, known)}.";
                yield return new Finding
                {
                    RuleId = meta.Id,
                    Severity = config.Severities.GetValueOrDefault(meta.Id, meta.Severity),
                    Category = meta.Category,
                    Message = message,
                    Recommendation = meta.Fix,
                    Span = s.Span,
                };
            }
        }
    }

    private static void AddAt(Dictionary<(string Path, int Line), List<InlineSuppression>> byLine, (string, int) key, InlineSuppression s)
    {
        if (!byLine.TryGetValue(key, out var list))
            byLine[key] = list = [];
        list.Add(s);
    }
}
