using System.Globalization;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Drift;

/// <summary>Live PostgreSQL: an index no query has used since the statistics were reset, on a table that is read.</summary>
public sealed class IndexUnused : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "index-unused",
        Title = "Index never used since the statistics were reset",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.Medium),
        NeedsLiveDatabase = true,
        Why = "Every index is written on every insert and on every update of its columns, takes disk and cache, and slows VACUUM. "
            + "PostgreSQL counts the scans of each index (`pg_stat_user_indexes.idx_scan`). An index with no scan at all while its table "
            + "is being read serves no query in this workload: it is pure cost.",
        Fix = "Check that the statistics window covers the whole workload (month-end jobs, rare reports, a replica that serves reads), "
            + "then drop the index in a migration: `DROP INDEX CONCURRENTLY ix_name;`.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, created_at timestamptz NOT NULL);
            CREATE INDEX ix_events_kind ON events (kind);
            -- the application reads events (SELECT * FROM events ...), and no query ever uses ix_events_kind
            """,
        GoodExample = """
            CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, created_at timestamptz NOT NULL);
            CREATE INDEX ix_events_kind ON events (kind);
            -- queries filter on kind: SELECT * FROM events WHERE kind = 'signup' uses ix_events_kind
            """,
        KnownProblems = "Only the statistics of the server audited are seen: an index used only on a read replica looks unused on the primary. "
            + "Unique indexes and indexes that back a constraint are never reported (they enforce rules even when no query reads them), nor are "
            + "indexes of tables that have not been read at all since the reset (a new or idle database says nothing yet).",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var schema = context.Schema;
        if (schema.SourceKind != SchemaSourceKind.LiveDatabase || !schema.HasUsageStatistics) yield break;
        var window = schema.UsageStatisticsSince is { } since
            ? string.Create(CultureInfo.InvariantCulture, $"since the statistics were reset on {since:yyyy-MM-dd HH:mm} UTC")
            : "since statistics collection began (they were never reset)";
        foreach (var table in schema.Tables)
        {
            // A table nobody reads says nothing about its indexes.
            if (table.Scans is not > 0) continue;
            foreach (var index in table.Indexes)
            {
                if (index.IsUnique || index.Scans is not 0) continue;
                var columns = string.Join(", ", index.Columns);
                yield return Report(index.Span,
                    string.Create(CultureInfo.InvariantCulture,
                        $"Index `{index.Name}` on `{table.DisplayName}` ({columns}) has had 0 scans {window}, while the table was read {table.Scans} times."),
                    $"If the window covers the real workload, drop it: `DROP INDEX CONCURRENTLY {FixSyntax.ObjectIdent(table, index.Name ?? "")};`.",
                    table: table.Name, column: index.Columns.Count == 1 && !index.IsExpression.FirstOrDefault() ? index.Columns[0] : null);
            }
        }
    }
}
