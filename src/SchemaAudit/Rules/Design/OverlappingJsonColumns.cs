using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Design;

/// <summary>
/// Two or more generic JSON columns on one table (<c>data</c> and <c>metadata</c>) with no comment saying what goes where:
/// each writer picks one, and the same key ends up in both.
/// </summary>
public sealed class OverlappingJsonColumns : Rule
{
    // Names that say "some JSON" without saying what it is for.
    private static readonly FrozenSet<string> s_genericNames = new[]
    {
        "data", "metadata", "meta", "extra", "extras", "attributes", "attrs", "properties", "props", "details", "detail", "info",
        "payload", "context", "custom", "misc", "json", "additional", "other", "fields", "blob", "bag",
    }.ToFrozenSet(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "overlapping-json-columns",
        Title = "Several free-form JSON columns with no documented boundary",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Design,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "When a table has both `data` and `metadata` (or `extra` and `attributes`), nothing says which key belongs where. Each feature "
            + "picks one; the same setting ends up in both with different values, readers must check both, and migrating either becomes "
            + "guesswork.",
        Fix = "Document the boundary in column comments (e.g. `data`: typed domain fields; `metadata`: opaque key-values owned by subsystems, "
            + "namespaced by subsystem), or merge the columns, or promote the structured part to real columns.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE accounts (
                id uuid PRIMARY KEY,
                email text NOT NULL,
                data jsonb,
                metadata jsonb
            );
            """,
        GoodExample = """
            CREATE TABLE accounts (
                id uuid PRIMARY KEY,
                email text NOT NULL,
                data jsonb,
                metadata jsonb
            );
            COMMENT ON COLUMN accounts.data IS 'Typed preferences (theme, avatar); schema in AccountData.';
            COMMENT ON COLUMN accounts.metadata IS 'Opaque subsystem key-values, namespaced: metadata._keypal.*';
            """,
        KnownProblems = "Only JSON columns with generic names count (`data`, `metadata`, `extra`, `attributes`, `properties`, `details`, "
            + "`info`, `payload`, `context`, …); `input` and `output`, or `settings` and `stats`, name their own purpose. The boundary counts as "
            + "documented when each of the columns has a comment (or `doc=`), or the table comment names them.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            List<Column>? generic = null;
            foreach (var column in table.Columns)
            {
                if (!column.Type.IsJson() || !IsGeneric(column.Name)) continue;
                (generic ??= []).Add(column);
            }
            if (generic is not { Count: >= 2 } || Documented(table, generic)) continue;
            var names = string.Join(" and ", generic.Select(c => $"`{c.Name}`"));
            var second = generic[1];
            yield return Report(second.Span,
                $"`{table.Name}` has {generic.Count} free-form JSON columns ({names}) and nothing says which data goes where: the same key "
                + "can end up in both, with different values.",
                $"Document the boundary in a comment on each column (what belongs in `{generic[0].Name}`, what in `{second.Name}`), or merge "
                + "them, or promote the structured part to real columns.",
                table: table.Name, column: second.Name,
                related: [generic[0].Span]);
        }
    }

    /// <summary>Every word of the name is generic (<c>metadata</c>, <c>extra_data</c>, <c>customFields</c>).</summary>
    private static bool IsGeneric(string name)
    {
        var words = NameHeuristics.Words(name);
        return words.Count > 0 && words.All(s_genericNames.Contains);
    }

    private static bool Documented(Table table, List<Column> columns)
    {
        if (columns.TrueForAll(c => !string.IsNullOrWhiteSpace(c.Comment) || !string.IsNullOrWhiteSpace(c.Doc))) return true;
        return table.Comment is { } comment && columns.TrueForAll(c => TableTraits.Mentions(comment, c.Name));
    }
}
