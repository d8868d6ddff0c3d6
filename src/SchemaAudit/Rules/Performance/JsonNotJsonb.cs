using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>A PostgreSQL <c>json</c> column: stored as text, re-parsed on every access, with no containment operators and no GIN index.</summary>
public sealed class JsonNotJsonb : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "json-not-jsonb",
        Title = "PostgreSQL `json` instead of `jsonb`",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "PostgreSQL's `json` keeps the text as written and parses it again on every access. It has no equality operator (so no "
            + "`DISTINCT`, `GROUP BY` or unique index on it), no containment (`@>`) or key-existence (`?`) operators, and cannot be GIN-indexed. "
            + "`jsonb` is stored parsed, is faster to query, and supports all of these.",
        Fix = "Use `jsonb` (`ALTER TABLE … ALTER COLUMN … TYPE jsonb USING …::jsonb`; SQLAlchemy `JSONB` from `sqlalchemy.dialects.postgresql`; "
            + "Drizzle `jsonb()`). Keep `json` only when the exact text, key order or duplicate keys must be preserved, and say so in a comment.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE events (
                id bigserial PRIMARY KEY,
                payload json NOT NULL
            );
            """,
        GoodExample = """
            CREATE TABLE events (
                id bigserial PRIMARY KEY,
                payload jsonb NOT NULL
            );
            """,
        KnownProblems = "PostgreSQL only: silent unless the dialect is known to be PostgreSQL (a `json` column in MySQL or SQLite is a "
            + "different type). A column whose comment says the text is kept verbatim (key order, exact bytes, signature) is skipped.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!TableTraits.IsPostgres(context.Schema)) yield break;
        foreach (var table in context.Schema.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column.Type != LogicalType.Json || KeepsText(column)) continue;
                var fix = FixSyntax.For(context, column.Span);
                var alter = $"ALTER TABLE {FixSyntax.Ident(table.Name)} ALTER COLUMN {FixSyntax.Ident(column.Name)} TYPE jsonb USING {FixSyntax.Ident(column.Name)}::jsonb";
                var member = fix.Member(table, column);
                var (recommendation, before, after) = fix.Language switch
                {
                    FixLanguage.SqlAlchemy => ($"Declare `{member}` as `JSONB` (from `sqlalchemy.dialects.postgresql`) and migrate with `{alter}`.",
                        column.TypeAsWrittenOr("JSON"), "JSONB"),
                    FixLanguage.Drizzle => ($"Declare `{member}` with `jsonb()` instead of `json()` and migrate with `{alter}`.", "json()", "jsonb()"),
                    _ => ($"Change `{column.Name}` to `jsonb` in a new migration.", (string?)null, alter + ";"),
                };
                yield return Report(column.Span,
                    $"`{table.Name}.{column.Name}` is PostgreSQL `json`: it is re-parsed on every access and supports no containment or "
                    + "key operators, no equality and no GIN index.",
                    recommendation,
                    table: table.Name, column: column.Name,
                    before: before, after: after);
            }
        }
    }

    // `json` is right when the exact text matters (a signed webhook body, key order).
    private static bool KeepsText(Column column)
    {
        var text = $"{column.Comment} {column.Doc}";
        return text.Contains("verbatim", StringComparison.OrdinalIgnoreCase)
            || text.Contains("key order", StringComparison.OrdinalIgnoreCase)
            || text.Contains("exact", StringComparison.OrdinalIgnoreCase)
            || text.Contains("signature", StringComparison.OrdinalIgnoreCase);
    }
}
