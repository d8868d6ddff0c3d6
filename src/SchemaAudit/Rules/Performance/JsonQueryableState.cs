using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>
/// A JSON column named like state or flags (<c>node_sync_status</c>, <c>flags</c>): queries will filter on it,
/// and filtering inside a JSON blob scans and parses every row.
/// </summary>
public sealed class JsonQueryableState : Rule
{
    // The head noun says "state that rows are selected by".
    private static readonly FrozenSet<string> s_stateNouns =
        new[] { "status", "statuses", "state", "states", "flag", "flags" }.ToFrozenSet(StringComparer.Ordinal);

    // Any word saying "synchronisation progress", which jobs poll for.
    private static readonly FrozenSet<string> s_syncWords =
        new[] { "sync", "syncs", "syncing", "synced", "synchronization", "synchronisation" }.ToFrozenSet(StringComparer.Ordinal);

    // Opaque client-side state that is stored and returned whole, never filtered on.
    private static readonly FrozenSet<string> s_opaqueOwners =
        new[] { "ui", "editor", "form", "widget", "layout", "frontend", "client", "view", "canvas", "wizard" }.ToFrozenSet(StringComparer.Ordinal);

    // Configuration and detail read with the row, even when about synchronisation (`sync_settings`, `node_sync_detail`).
    private static readonly FrozenSet<string> s_readWithRowNouns = new[]
    {
        "config", "configuration", "settings", "setting", "options", "preferences", "schema", "mapping", "rules", "template",
        "detail", "details", "info", "metadata", "data", "payload", "log", "report", "snapshot", "history",
    }.ToFrozenSet(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "json-queryable-state",
        Title = "Queryable state kept inside a JSON column",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "State and flags are what background jobs and dashboards select rows by (\"all sessions still syncing\"). "
            + "Inside a JSON blob that condition cannot use an ordinary index: every such query reads and parses the JSON of every row, "
            + "the database cannot check the allowed values, and partial updates of one key rewrite the whole document.",
        Fix = "Extract the values that queries filter on into first-class columns (a `Boolean` or an enum `status`, indexed if selective) "
            + "and keep JSON for the detail that is only read with the row.",
        BadExample = """
            from sqlalchemy import JSON, Column, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                title = Column(String(200))
                node_sync_status = Column(JSON, default={}, nullable=True)
            """,
        GoodExample = """
            from sqlalchemy import JSON, Boolean, Column, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                title = Column(String(200))
                is_syncing = Column(Boolean, nullable=False, default=False, index=True)
                node_sync_detail = Column(JSON, default={}, nullable=True)
            """,
        KnownProblems = "Judged from the column name only (`*_status`, `*_state`, `flags`, `sync…`); client-side blobs named "
            + "`ui_state`, `editor_state`, `form_state` … are skipped, and a column that already has an index (e.g. an expression "
            + "index on one key) is taken as deliberate.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (!column.Type.IsJson() || !LooksLikeState(column.Name) || IsIndexed(table, column.Name)) continue;
                var kind = column.Type == LogicalType.Jsonb ? "JSONB" : "JSON";
                yield return Report(column.Span,
                    $"{kind} column `{table.Name}.{column.Name}` holds state that queries will filter on: finding the `{table.Name}` rows "
                    + "in a given state means reading and parsing this JSON in every row (a full scan), with no constraint on the values.",
                    $"Extract the values that queries select by into first-class columns (e.g. a `Boolean` such as `is_syncing`, or an enum "
                    + $"`status`, indexed if selective); keep `{column.Name}` for detail that is only read with the row.",
                    table: table.Name, column: column.Name);
            }
        }
    }

    private static bool LooksLikeState(string name)
    {
        var words = NameHeuristics.Words(name);
        if (words.Count == 0) return false;
        if (words.Count > 1 && s_opaqueOwners.Contains(words[0])) return false;
        if (s_stateNouns.Contains(words[^1])) return true;
        if (s_readWithRowNouns.Contains(words[^1])) return false;
        foreach (var w in words)
            if (s_syncWords.Contains(w)) return true;
        return false;
    }

    private static bool IsIndexed(Table table, string column)
    {
        foreach (var index in table.Indexes)
        {
            for (var i = 0; i < index.Columns.Count; i++)
            {
                var element = index.Columns[i];
                if (string.Equals(element, column, StringComparison.OrdinalIgnoreCase)) return true;
                var isExpression = i < index.IsExpression.Count && index.IsExpression[i];
                if (isExpression && element.Contains(column, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }
}
