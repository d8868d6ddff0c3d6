using System.Collections.Frozen;
using SchemaAudit.Model;

namespace SchemaAudit.Rules;

/// <summary>
/// Facts about a table that several design-level rules ask for (its soft-delete column, whether it is
/// a link table, whether it is an append-only log), judged the same way everywhere.
/// </summary>
internal static class TableTraits
{
    // Words that, with `at`/`on` or as a flag, say "this row was retired instead of deleted".
    private static readonly FrozenSet<string> s_softDeleteWords = new[]
    {
        "deleted", "archived", "removed", "trashed", "discarded", "purged",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Head nouns of tables that only ever receive new rows (logs, events, audit trails, telemetry).
    private static readonly FrozenSet<string> s_appendOnlyNouns = new[]
    {
        "log", "event", "audit", "history", "trace", "metric", "sample", "reading", "measurement", "heartbeat", "delivery",
        "attempt", "click", "visit", "impression", "pageview", "hit", "detection", "telemetry", "changelog", "activity",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words anywhere in a table name that mark it as a record of calls or requests (`call_graph_nodes`, `request_logs`).
    private static readonly FrozenSet<string> s_callRecordWords = new[]
    {
        "call", "calls", "invocation", "invocations", "webhook", "webhooks", "request", "requests",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The column that marks a row as soft-deleted: a timestamp such as <c>deleted_at</c>/<c>archived_at</c>, or a boolean
    /// such as <c>is_deleted</c>/<c>deleted</c>. Null when the table has none.
    /// </summary>
    public static Column? SoftDeleteColumn(Table table)
    {
        foreach (var column in table.Columns)
        {
            if (column.IsPrimaryKey) continue;
            var words = NameHeuristics.Words(column.Name);
            if (words.Count == 0 || !words.Any(s_softDeleteWords.Contains)) continue;
            if (column.Type.IsTimestamp() || column.Type == LogicalType.Date || column.Type == LogicalType.Bool) return column;
        }
        return null;
    }

    /// <summary>True when the table only receives new rows: its head noun is log, event, audit, history, trace, metric, … or it starts with <c>audit</c>.</summary>
    public static bool IsAppendOnly(Table table)
    {
        var words = NameHeuristics.Words(table.Name);
        if (words.Count == 0) return false;
        return s_appendOnlyNouns.Contains(NameHeuristics.Singular(words[^1])) || words[0] == "audit";
    }

    /// <summary>True for append-only tables and for records of calls and requests (<c>call_graph_nodes</c>, <c>webhook_deliveries</c>).</summary>
    public static bool RecordsCallsOrEvents(Table table) =>
        IsAppendOnly(table) || NameHeuristics.AnyWordIn(table.Name, s_callRecordWords);

    /// <summary>The columns of all foreign keys of <paramref name="table"/>.</summary>
    public static HashSet<string> ForeignKeyColumns(Table table)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fk in table.ForeignKeys) result.UnionWith(fk.Columns);
        return result;
    }

    /// <summary>
    /// Columns that carry the row's own content: not part of the primary key and not a bookkeeping timestamp
    /// (<c>created_at</c>, <c>updated_at</c>, … any timestamp whose name ends in <c>at</c>).
    /// </summary>
    public static List<Column> ContentColumns(Table table) =>
        table.Columns.FindAll(c => !c.IsPrimaryKey && !IsBookkeepingTimestamp(c));

    /// <summary>
    /// A link (edge) table: at least two foreign keys, and at most <paramref name="extraColumns"/> content columns besides
    /// the foreign-key columns (an edge type, a weight, a position).
    /// </summary>
    public static bool IsLinkTable(Table table, int extraColumns = 2)
    {
        if (table.IsAssociationTable) return true;
        if (table.ForeignKeys.Count < 2) return false;
        var fkColumns = ForeignKeyColumns(table);
        var extras = 0;
        foreach (var column in ContentColumns(table))
            if (!fkColumns.Contains(column.Name)) extras++;
        return extras <= extraColumns;
    }

    /// <summary>
    /// A link table without a primary key whose unique key (constraint or plain unique index) covers only its foreign-key columns:
    /// that key should be the table's composite primary key. <c>table-no-primary-key</c> reports the table once, covering the key's
    /// nullable columns and the indexes it makes redundant, so the rules about those stay silent for it. Null otherwise.
    /// </summary>
    public static (IReadOnlyList<string> Columns, string? Name, SourceSpan Span)? KeylessLinkKey(Table table)
    {
        if (table.PrimaryKey is { Columns.Count: > 0 } || !IsLinkTable(table, extraColumns: 0)) return null;
        var fkColumns = ForeignKeyColumns(table);
        bool Covers(IReadOnlyCollection<string> columns) => columns.Count >= 2 && columns.All(fkColumns.Contains);
        foreach (var unique in table.UniqueConstraints)
            if (Covers(unique.Columns)) return (unique.Columns, unique.Name, unique.Span);
        foreach (var index in table.Indexes)
            if (index.IsUnique && index.Where is null && !index.IsExpression.Contains(true) && Covers(index.Columns))
                return (index.Columns, index.Name, index.Span);
        return null;
    }

    /// <summary>The column a single-column foreign key is declared on, else null.</summary>
    public static Column? SingleColumn(Table table, ForeignKey fk) =>
        fk.Columns.Count == 1 ? table.FindColumn(fk.Columns[0]) : null;

    /// <summary>Where a finding about a foreign key should point: its column's declaration for a single-column key, else the key.</summary>
    public static SourceSpan SpanOf(Table table, ForeignKey fk) =>
        SingleColumn(table, fk) is { Span.IsNone: false } column ? column.Span : fk.Span;

    /// <summary>The target table name of a foreign key, without a schema prefix.</summary>
    public static string TargetName(ForeignKey fk)
    {
        var dot = fk.TargetTable.LastIndexOf('.');
        return dot < 0 ? fk.TargetTable : fk.TargetTable[(dot + 1)..];
    }

    /// <summary>True when the schema is known to be PostgreSQL (rules about PostgreSQL types and indexes stay silent otherwise).</summary>
    public static bool IsPostgres(Schema schema) =>
        schema.Dialect is { } d && (d.Equals("postgresql", StringComparison.OrdinalIgnoreCase) || d.Equals("postgres", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="text"/> mentions <paramref name="identifier"/> as a whole word (not as part of a longer name).</summary>
    public static bool Mentions(string? text, string identifier)
    {
        if (string.IsNullOrEmpty(text) || identifier.Length == 0) return false;
        var from = 0;
        while (true)
        {
            var at = text.IndexOf(identifier, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return false;
            var end = at + identifier.Length;
            var startsWord = at == 0 || !IsIdentifierChar(text[at - 1]);
            var endsWord = end == text.Length || !IsIdentifierChar(text[end]);
            if (startsWord && endsWord) return true;
            from = at + 1;
        }
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsBookkeepingTimestamp(Column column)
    {
        if (!column.Type.IsTimestamp()) return false;
        var words = NameHeuristics.Words(column.Name);
        return words.Count > 1 && words[^1] is "at" or "on";
    }
}
