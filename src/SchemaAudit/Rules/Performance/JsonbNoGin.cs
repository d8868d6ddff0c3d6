using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>
/// A JSONB column that queries will search by key or containment (<c>tags</c>, <c>attributes</c>, or a comment saying it is
/// queried) with no GIN index: every such query reads and decodes the column in every row.
/// </summary>
public sealed class JsonbNoGin : Rule
{
    // Last words of names whose content is searched by membership: "rows tagged X", "rows with attribute Y".
    private static readonly FrozenSet<string> s_searchedNouns = new[]
    {
        "tags", "labels", "attributes", "attrs", "properties", "facets", "filters", "capabilities", "scopes", "permissions",
        "categories", "keywords", "features", "topics",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words in a comment saying the column is searched.
    private static readonly string[] s_queryHints =
        ["queried", "query by", "queries by", "filter by", "filtered by", "search", "containment", "@>", "looked up", "lookup by", "lookups by"];

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "jsonb-no-gin",
        Title = "Searched JSONB column without a GIN index",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "Containment and key queries (`tags @> '[\"urgent\"]'`, `identity @> '{\"id\": …}'`, `attributes ? 'color'`) can only use a "
            + "GIN index. Without one, each query reads, decompresses and decodes the JSONB of every row: fine for a hundred rows, a "
            + "sequential scan of the whole table in production.",
        Fix = "Add a GIN index on the column (`CREATE INDEX … USING gin (tags)`, or `jsonb_path_ops` for containment only), or extract the "
            + "searched key into a first-class indexed column.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE documents (
                id bigserial PRIMARY KEY,
                title text NOT NULL,
                tags jsonb NOT NULL DEFAULT '[]'
            );
            """,
        GoodExample = """
            CREATE TABLE documents (
                id bigserial PRIMARY KEY,
                title text NOT NULL,
                tags jsonb NOT NULL DEFAULT '[]'
            );
            CREATE INDEX documents_tags_gin ON documents USING gin (tags jsonb_path_ops);
            """,
        KnownProblems = "PostgreSQL only. Queries are not visible in a schema, so the column must say it is searched: its name ends in "
            + "`tags`, `labels`, `attributes`, `properties`, `filters`, `scopes`, `permissions`, … or its comment says it is queried, filtered "
            + "or searched. Generic blobs (`metadata`, `data`, `settings`) are only reported with such a comment. Any GIN index whose "
            + "elements mention the column counts, including expression indexes.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!TableTraits.IsPostgres(context.Schema)) yield break;
        foreach (var table in context.Schema.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column.Type != LogicalType.Jsonb || HasGin(table, column.Name)) continue;
                if (WhySearched(column) is not { } why) continue;
                var fix = FixSyntax.For(context, column.Span);
                var index = fix.Index(table, [column.Name], fix.IsDrizzle ? $"{table.Name}_{column.Name}_gin_idx" : $"ix_{table.Name}_{column.Name}_gin", method: "gin");
                yield return Report(column.Span,
                    $"JSONB column `{table.Name}.{column.Name}` {why}, but no GIN index covers it: containment and key queries "
                    + $"(`@>`, `?`) read and decode it in every `{table.Name}` row.",
                    $"Add `{index.TrimEnd(';')}`{(fix.IsSql ? "" : $" {fix.IndexPlacement}")} (or `jsonb_path_ops` for "
                    + "containment only), or extract the searched key into an indexed column.",
                    table: table.Name, column: column.Name,
                    after: index);
            }
        }
    }

    /// <summary>Why the column is taken as searched (for the message), or null.</summary>
    private static string? WhySearched(Column column)
    {
        var words = NameHeuristics.Words(column.Name);
        if (words.Count > 0 && s_searchedNouns.Contains(words[^1])) return "is named like a set that rows are searched by";
        var text = $"{column.Comment} {column.Doc}";
        foreach (var hint in s_queryHints)
            if (text.Contains(hint, StringComparison.OrdinalIgnoreCase)) return "is documented as queried";
        return null;
    }

    private static bool HasGin(Table table, string column)
    {
        foreach (var index in table.Indexes)
        {
            if (!string.Equals(index.Method, "gin", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var element in index.Columns)
                if (TableTraits.Mentions(element, column)) return true;
        }
        return false;
    }
}
