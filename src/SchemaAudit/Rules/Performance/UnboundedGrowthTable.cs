using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>
/// An append-only log or event table with a creation-time column but no index leading with it: retention deletes
/// (<c>DELETE … WHERE created_at &lt; now() - interval '90 days'</c>) and time-range queries scan the whole table.
/// </summary>
public sealed class UnboundedGrowthTable : Rule
{
    // First words of columns that record when the row was written.
    private static readonly FrozenSet<string> s_creationWords = new[]
    {
        "created", "occurred", "logged", "recorded", "inserted", "emitted", "received", "happened", "started",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_bareTimeNames =
        new[] { "timestamp", "ts", "time", "event_time", "logged", "created" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "unbounded-growth-table",
        Title = "Append-only table with no index on its creation time",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "Log, event and audit tables only grow. Sooner or later they need a retention job (`DELETE … WHERE created_at < now() - "
            + "interval '90 days'`) and time-range queries. Without an index whose first column is the creation time, each of those reads "
            + "the whole table, and the retention job gets slower exactly as the table gets bigger, until nobody dares to run it.",
        Fix = "Index the creation time (`CREATE INDEX … ON audit_logs (created_at)`, or BRIN for very large tables), decide on a "
            + "retention period, and for high volumes partition the table by time so that old partitions can be dropped.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE audit_logs (
                id bigserial PRIMARY KEY,
                action text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """,
        GoodExample = """
            CREATE TABLE audit_logs (
                id bigserial PRIMARY KEY,
                action text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX idx_audit_logs_created_at ON audit_logs USING brin (created_at);
            """,
        KnownProblems = "Append-only tables are recognised by name (`*_logs`, `*_events`, `audit*`, `*_history`, metrics, traces, deliveries, "
            + "detections, and records of calls such as `call_graph_nodes`); rows that cascade from another such table are purged with it "
            + "and are not reported. The creation-time column is `created_at`, `occurred_at`, `logged_at`, "
            + "`timestamp`, …; without one the rule is silent. Partitioning is not modelled.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (!TableTraits.RecordsCallsOrEvents(table) || GoesWithParent(context, table)) continue;
            if (CreationColumn(table) is not { } column || IsLeadingIndexed(table, column.Name)) continue;
            yield return Report(column.Span,
                $"`{table.Name}` only grows, but no index leads with `{column.Name}`: retention deletes and time-range queries "
                + $"(`WHERE {column.Name} < …`) scan the whole table, and get slower as it grows.",
                Recommendation(FixSyntax.For(context, column.Span), table, column, out var after),
                table: table.Name, column: column.Name,
                after: after);
        }
    }

    private static string Recommendation(FixSyntax fix, Table table, Column column, out string after)
    {
        after = fix.Index(table, [column.Name]);
        var placement = fix.IsSql ? "" : $" {fix.IndexPlacement}";
        return $"Add `{after.TrimEnd(';')}`{placement} and schedule a retention job, or partition the table by time "
            + "(for very large tables a BRIN index is far smaller).";
    }

    /// <summary>
    /// Rows that cascade from another log or call record (the edges of a call graph) are purged with their parent:
    /// retention is the parent's business.
    /// </summary>
    private static bool GoesWithParent(RuleContext context, Table table)
    {
        foreach (var fk in table.ForeignKeys)
        {
            if (fk.OnDelete != ReferentialAction.Cascade || !fk.Columns.TrueForAll(c => table.FindColumn(c) is { Nullable: false })) continue;
            if (context.FindTable(TableTraits.TargetName(fk)) is { } parent && !ReferenceEquals(parent, table) && TableTraits.RecordsCallsOrEvents(parent))
                return true;
        }
        return false;
    }

    /// <summary>The column recording when the row was written; <c>created_at</c> wins over <c>started_at</c> and the like.</summary>
    private static Column? CreationColumn(Table table)
    {
        Column? fallback = null;
        foreach (var column in table.Columns)
        {
            if (!column.Type.IsTimestamp() && column.Type != LogicalType.Unknown) continue;
            if (s_bareTimeNames.Contains(column.Name) && column.Type.IsTimestamp()) fallback ??= column;
            var words = NameHeuristics.Words(column.Name);
            if (words.Count != 2 || words[1] is not ("at" or "on" or "time") || !s_creationWords.Contains(words[0])) continue;
            if (words[0] == "created") return column;
            fallback ??= column;
        }
        return fallback;
    }

    /// <summary>An index (or the primary key) whose first element is the column serves range scans on it.</summary>
    private static bool IsLeadingIndexed(Table table, string column)
    {
        if (table.PrimaryKey is { Columns.Count: > 0 } key && string.Equals(key.Columns[0], column, StringComparison.OrdinalIgnoreCase)) return true;
        if (table.UniqueConstraints.Exists(u => u.Columns.Count > 0 && string.Equals(u.Columns[0], column, StringComparison.OrdinalIgnoreCase))) return true;
        foreach (var index in table.Indexes)
        {
            if (index.Columns.Count == 0 || index.Where is not null) continue;
            if (string.Equals(index.Columns[0], column, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
