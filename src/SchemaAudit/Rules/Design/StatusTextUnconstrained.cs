using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Design;

/// <summary>
/// A categorical column (<c>status</c>, <c>state</c>, <c>type</c>, <c>kind</c>, <c>level</c>, <c>role</c>) stored as free text with no
/// enum type, CHECK or lookup table: any typo is a new state that no code handles.
/// </summary>
public sealed class StatusTextUnconstrained : Rule
{
    // Last words of columns that hold one value of a small closed set.
    private static readonly FrozenSet<string> s_categoricalNouns = new[]
    {
        "status", "state", "type", "kind", "level", "role", "stage", "phase", "severity", "priority", "tier",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Other words that make the value open-ended: MIME types, HTTP content types, user-entered text.
    private static readonly FrozenSet<string> s_openWords = new[]
    {
        "content", "mime", "media", "file", "token", "grant", "auth", "display", "label", "description", "custom", "http", "job",
    }.ToFrozenSet(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "status-text-unconstrained",
        Title = "Status-like text column with no enum or CHECK",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Design,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "A `status` column is a state machine: code branches on its values. As free text, the database accepts `complete`, "
            + "`Completed` and `done` alike; a typo in one writer creates a state no reader handles, rows disappear from dashboards, and "
            + "the set of valid values lives only in scattered code.",
        Fix = "Constrain the values: a database enum (`CREATE TYPE task_status AS ENUM (…)`, Drizzle `pgEnum`, SQLAlchemy `Enum(...)`), a "
            + "`CHECK (status IN (…))`, or a foreign key to a lookup table.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE tasks (
                id uuid PRIMARY KEY,
                title text NOT NULL,
                status text NOT NULL DEFAULT 'pending'
            );
            """,
        GoodExample = """
            CREATE TABLE tasks (
                id uuid PRIMARY KEY,
                title text NOT NULL,
                status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in-progress', 'blocked', 'completed', 'failed'))
            );
            """,
        KnownProblems = "Columns are recognised by their last word (`status`, `state`, `type`, `kind`, `level`, `role`, `stage`, `phase`, "
            + "`severity`, `priority`, `tier`); open-ended ones such as `content_type` or `mime_type` are skipped. A CHECK that names the column, "
            + "a foreign key on it, or a Drizzle `text(..., { enum: [...] })` value list counts as a constraint. OpenID Connect's `session_state` "
            + "beside `id_token`/`access_token` (Auth.js account tables) is an opaque provider value and is skipped.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            HashSet<string>? fkColumns = null;
            foreach (var column in table.Columns)
            {
                if (column.Type != LogicalType.Text || column.IsPrimaryKey || !IsCategorical(column.Name)) continue;
                if (HasValueList(column) || IsOidcSessionState(table, column)) continue;
                fkColumns ??= TableTraits.ForeignKeyColumns(table);
                if (fkColumns.Contains(column.Name) || table.Checks.Exists(c => TableTraits.Mentions(c.Expression, column.Name))) continue;
                yield return Report(column.Span,
                    $"`{table.Name}.{column.Name}` is free text with no enum type, CHECK or lookup table: any typo becomes a new "
                    + $"`{column.Name}` value that no code handles.",
                    $"Constrain `{column.Name}`: a database enum type, `CHECK ({column.Name} IN (…))`, or a foreign key to a lookup table.",
                    table: table.Name, column: column.Name);
            }
        }
    }

    private static bool IsCategorical(string name)
    {
        var words = NameHeuristics.Words(name);
        if (words.Count == 0 || !s_categoricalNouns.Contains(words[^1])) return false;
        for (var i = 0; i < words.Count - 1; i++)
            if (s_openWords.Contains(words[i])) return false;
        return true;
    }

    // OpenID Connect's `session_state` (kept by Auth.js / NextAuth account tables beside the tokens) is an opaque
    // value from the identity provider, not one of a closed set.
    private static bool IsOidcSessionState(Table table, Column column) =>
        NameHeuristics.Words(column.Name) is ["session", "state"]
        && table.Columns.Exists(c => NameHeuristics.Words(c.Name) is ["id", "token"] or ["access", "token"]);

    // Drizzle `text("status", { enum: ["a", "b"] })` and SQLAlchemy `String(..., Enum)`-like value lists written in the type.
    private static bool HasValueList(Column column) =>
        column.TypeAsWritten.Contains("enum:", StringComparison.OrdinalIgnoreCase)
        || column.TypeAsWritten.Contains("enum :", StringComparison.OrdinalIgnoreCase);
}
