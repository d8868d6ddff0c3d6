using SchemaAudit.Analysis;

namespace SchemaAudit.Reporting;

internal enum PracticeStatus { Met, Partly, NotMet }

/// <summary>One row of the checklist: a practice, whether the schema meets it, and why we say so.</summary>
internal sealed record PracticeRow(string Practice, PracticeStatus Status, string Notes);

/// <summary>
/// The best-practices checklist, derived from which rules passed and failed. A practice is
/// listed only when at least one of its rules ran; a rule that belongs to no practice gets a
/// row of its own, so a new rule shows up here without touching this file.
/// </summary>
internal static class BestPracticesChecklist
{
    private static readonly (string Practice, string[] RuleIds)[] s_practices =
    [
        ("Every table has a primary key", ["table-no-primary-key"]),
        ("Foreign keys resolve and match their targets", ["fk-target-missing", "fk-type-mismatch", "implied-fk-missing"]),
        ("Explicit, consistent `ON DELETE` behaviour", ["fk-on-delete-unspecified", "fk-set-null-not-null"]),
        ("Indexes on foreign keys", ["fk-missing-index"]),
        ("No redundant indexes", ["index-redundant", "index-duplicate-live", "index-unused"]),
        ("Type annotations match nullability", ["orm-nullability-mismatch"]),
        ("Relationships wired correctly (`back_populates`, `remote_side`)", ["orm-back-populates-mismatch", "orm-remote-side-builtin"]),
        ("Explicit loading strategies", ["relationship-lazy-default", "relationship-large-collection-eager"]),
        ("ORM and database cascades agree", ["association-cascade-gap", "soft-delete-cascade-gap"]),
        ("Unique constraints that really hold", ["unique-nullable-column", "unique-ignores-soft-delete", "link-table-no-unique"]),
        ("Related rows cannot disagree", ["denormalized-fk-divergence", "cross-scope-reference", "polymorphic-nullable-fks"]),
        ("Audit timestamps: timezone-aware, set and maintained", ["audit-timestamp-nullable", "updated-at-never-updates", "naive-utc-timestamp"]),
        ("Portable server defaults", ["server-default-raw-sql"]),
        ("JSON used deliberately", ["json-queryable-state", "json-not-jsonb", "jsonb-no-gin", "overlapping-json-columns"]),
        ("Secrets never stored or committed in clear", ["plaintext-secret-column", "hardcoded-credentials", "payload-secrets-unredacted"]),
        ("Constrained status values", ["status-text-unconstrained"]),
        ("Recoverable deletes and deactivation", ["no-soft-delete", "no-deactivation-flag"]),
        ("Indexes and keys suited to access patterns", ["random-uuid-time-ordered", "unbounded-growth-table", "like-prefix-no-pattern-ops"]),
        ("Self-explanatory design", ["raw-storage-path", "ambiguous-self-link-columns"]),
        ("Models, migrations and database agree", ["schema-drift"]),
        ("Suppressions kept up to date", ["unused-suppression"]),
    ];

    /// <summary>Position of a rule in the checklist (practice, then rule), so other sections can follow the same order.</summary>
    public static int OrderOf(string ruleId)
    {
        var position = 0;
        foreach (var (_, ruleIds) in s_practices)
        {
            foreach (var id in ruleIds)
            {
                if (id == ruleId) return position;
                position++;
            }
        }
        return int.MaxValue;
    }

    public static IReadOnlyList<PracticeRow> Rows(ReportFacts facts)
    {
        var ran = new HashSet<string>(facts.Result.RulesRun.Select(r => r.Id), StringComparer.Ordinal);
        var groupsByRule = facts.Groups.ToLookup(g => g.RuleId, StringComparer.Ordinal);
        var rows = new List<PracticeRow>();
        var covered = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (practice, ruleIds) in s_practices)
        {
            covered.UnionWith(ruleIds);
            var ranHere = ruleIds.Where(ran.Contains).ToList();
            if (ranHere.Count > 0)
                rows.Add(Row(practice, ranHere, groupsByRule, facts));
        }
        foreach (var rule in facts.Result.RulesRun.Where(r => !covered.Contains(r.Id)).OrderBy(r => r.Id, StringComparer.Ordinal))
            rows.Add(Row(rule.Metadata.Title, [rule.Id], groupsByRule, facts));

        AddCoverageRow(rows, "Type-annotated ORM columns", facts.Result.Statistics.AnnotationCoverage, good: 0.95, fair: 0.5);
        AddCoverageRow(rows, "Documented columns (`comment`/`doc`)", facts.Result.Statistics.DocumentationCoverage, good: 0.8, fair: 0.0); // optional: never worse than ⚠️
        return rows;
    }

    public static string Symbol(PracticeStatus status) => status switch
    {
        PracticeStatus.Met => "✅",
        PracticeStatus.Partly => "⚠️",
        _ => "❌",
    };

    private static PracticeRow Row(string practice, List<string> ruleIds, ILookup<string, RuleGroup> groupsByRule, ReportFacts facts)
    {
        var groups = ruleIds.SelectMany(id => groupsByRule[id]).ToList();
        if (groups.Count == 0)
        {
            var suppressed = facts.Suppressed.Where(f => ruleIds.Contains(f.RuleId)).ToList();
            if (suppressed.Count > 0)
            {
                var silenced = string.Join(", ", suppressed.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"`{g.Key}` ×{g.Count()}"));
                return new PracticeRow(practice, PracticeStatus.Partly, $"{suppressed.Count} suppressed: {silenced}");
            }
            // Evidence from the first rule that had something to check; otherwise just say it was checked.
            var evidence = ruleIds.Select(id => PassedCheckEvidence.For(id, facts.Result.Schema)).FirstOrDefault(e => e is not null);
            return new PracticeRow(practice, PracticeStatus.Met, evidence ?? "Checked: nothing to report.");
        }
        var status = groups.Exists(g => g.Severity == Severity.Critical) ? PracticeStatus.NotMet : PracticeStatus.Partly;
        var notes = string.Join(", ", groups.Select(g => $"`{g.RuleId}` ×{g.Findings.Count}"));
        return new PracticeRow(practice, status, notes);
    }

    private static void AddCoverageRow(List<PracticeRow> rows, string practice, double? coverage, double good, double fair)
    {
        if (coverage is not { } value) return;
        var status = value >= good ? PracticeStatus.Met : value >= fair ? PracticeStatus.Partly : PracticeStatus.NotMet;
        rows.Add(new PracticeRow(practice, status, $"{ReportText.Percent(value)} of columns"));
    }
}
