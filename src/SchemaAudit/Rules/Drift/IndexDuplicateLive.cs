using SchemaAudit.Analysis;
using SchemaAudit.Drift;
using SchemaAudit.Model;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Rules.Drift;

/// <summary>Live database: two indexes (or an index and a key's index) with the same definition.</summary>
public sealed class IndexDuplicateLive : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "index-duplicate-live",
        Title = "Duplicate index in the database",
        Severity = Severity.Warning,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        NeedsLiveDatabase = true,
        Why = "Two indexes with the same columns, method, operator classes, uniqueness and predicate are the same B-tree (or GIN, ...) built twice: "
            + "every write maintains both, both take disk and cache, and the planner only ever needs one. Deployed databases collect them when a "
            + "migration re-creates an index under a new name, or an index is added by hand during an incident.",
        Fix = "Drop one of them in a migration (`DROP INDEX CONCURRENTLY ...`), keeping the one the models and migrations declare.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
            CREATE INDEX ix_orders_customer_id ON orders (customer_id);
            CREATE INDEX orders_customer_id_idx ON orders (customer_id);
            """,
        GoodExample = """
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
            CREATE INDEX ix_orders_customer_id ON orders (customer_id);
            """,
        KnownProblems = "Definitions are compared after normalizing spelling (case, casts, parentheses); indexes that differ only in ASC/DESC order "
            + "or in INCLUDE columns are treated as the same. An index that is a prefix of another is `index-redundant`, not this rule.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (context.Schema.SourceKind != SchemaSourceKind.LiveDatabase) yield break;
        foreach (var table in context.Schema.Tables)
        {
            var byDefinition = new Dictionary<string, string>(StringComparer.Ordinal);
            if (table.PrimaryKey is { } pk) byDefinition[KeyDefinition(pk.Columns)] = $"primary key {pk.Name ?? ""}".TrimEnd();
            foreach (var unique in table.UniqueConstraints)
                byDefinition.TryAdd(KeyDefinition(unique.Columns), $"unique constraint {unique.Name ?? ""}".TrimEnd());
            foreach (var index in table.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                var definition = Definition(index);
                if (!byDefinition.TryGetValue(definition, out var first))
                {
                    byDefinition[definition] = $"index {index.Name}";
                    continue;
                }
                yield return Report(index.Span,
                    $"Index `{index.Name}` on `{table.DisplayName}` ({string.Join(", ", index.Columns)}) has the same definition as {Quote(first)}: the table maintains the same index twice.",
                    $"Drop one of them: `DROP INDEX CONCURRENTLY {FixSyntax.ObjectIdent(table, index.Name ?? "")};`.",
                    table: table.Name, column: index.Columns.Count == 1 && !index.IsExpression.FirstOrDefault() ? index.Columns[0] : null);
            }
        }
    }

    private static string Quote(string description)
    {
        var space = description.LastIndexOf(' ');
        return space < 0 ? description : $"{description[..space]} `{description[(space + 1)..]}`";
    }

    private static string KeyDefinition(IEnumerable<string> columns) =>
        $"unique btree ({string.Join(",", columns.Select(c => c.ToLowerInvariant()))}) where ";

    private static string Definition(Index index)
    {
        var elements = index.Columns.Select((c, i) =>
        {
            var text = i < index.IsExpression.Count && index.IsExpression[i] ? SqlTextNormalizer.Normalize(c) : c.ToLowerInvariant();
            var opClass = index.OperatorClasses.TryGetValue(c, out var o) ? " " + o.ToLowerInvariant() : "";
            var collation = index.Collations.TryGetValue(c, out var co) ? " collate " + co.ToLowerInvariant() : "";
            return text + collation + opClass;
        });
        var nulls = index.NullsNotDistinct ? " nulls not distinct" : "";
        return $"{(index.IsUnique ? "unique " : "")}{index.Method ?? "btree"} ({string.Join(",", elements)}){nulls} where {SqlTextNormalizer.Normalize(index.Where)}";
    }
}
