using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Rules.Performance;

/// <summary>
/// A plain B-tree index on a path-like text column (<c>path</c>, <c>key_prefix</c>, <c>object_key</c>) in PostgreSQL: prefix
/// queries (<c>path LIKE 'implementation/%'</c>) cannot use it under a non-C collation, so they scan.
/// </summary>
public sealed class LikePrefixNoPatternOps : Rule
{
    // Last words of columns that hold hierarchical strings queried by prefix.
    private static readonly FrozenSet<string> s_pathNouns =
        new[] { "path", "prefix", "filepath", "dir", "directory", "folder" }.ToFrozenSet(StringComparer.Ordinal);

    // Object-storage keys are listed by prefix too (`object_key`, `s3_key`), unlike lookup keys (`idempotency_key`).
    private static readonly FrozenSet<string> s_storageWords =
        new[] { "object", "storage", "s3", "gcs", "blob", "file", "bucket" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_patternOps = new[]
    {
        "text_pattern_ops", "varchar_pattern_ops", "bpchar_pattern_ops", "gin_trgm_ops", "gist_trgm_ops",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "like-prefix-no-pattern-ops",
        Title = "Path-like column indexed without `text_pattern_ops`",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "PostgreSQL can answer `WHERE path LIKE 'implementation/%'` from a B-tree index only when the index compares bytes: with the "
            + "C collation, or with the `text_pattern_ops`/`varchar_pattern_ops` operator class. Databases are usually created with a "
            + "locale collation (`en_US.UTF-8`), and then a plain index on `path` serves equality and ORDER BY but every prefix query "
            + "scans the table.",
        Fix = "Index the column with the pattern operator class: `CREATE INDEX … ON tasks (path text_pattern_ops)` (keep a plain index too if "
            + "you also sort by it), or declare the column or index element `COLLATE \"C\"`.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE tasks (
                id uuid PRIMARY KEY,
                path text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX idx_tasks_path ON tasks (path);
            """,
        GoodExample = """
            CREATE TABLE tasks (
                id uuid PRIMARY KEY,
                path text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX idx_tasks_path ON tasks (path text_pattern_ops);
            """,
        KnownProblems = "PostgreSQL only (silent unless the dialect is known). Queries are not visible, so the column must look like a path: "
            + "its last word is `path`, `prefix`, `dir`, `folder`, or it is an object-storage key (`object_key`, `s3_key`). Slugs and lookup keys "
            + "are compared by equality and are not reported. Only explicit indexes whose first element is the column are checked; the "
            + "database's default collation is not known, so an index is reported even when the database itself uses the C locale.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!TableTraits.IsPostgres(context.Schema)) yield break;
        foreach (var table in context.Schema.Tables)
        {
            foreach (var index in table.Indexes)
            {
                if (!IsBtree(index) || index.Columns.Count == 0 || (index.IsExpression.Count > 0 && index.IsExpression[0])) continue;
                var name = index.Columns[0];
                if (table.FindColumn(name) is not { Type: LogicalType.Text } column || !LooksLikePath(column.Name)) continue;
                if (ComparesBytes(index, column) || table.Indexes.Exists(other => ServesPrefix(other, column))) continue;
                var fix = FixSyntax.For(context, index.Span);
                var shown = index.Name is null ? $"the index on `{table.Name} ({string.Join(", ", index.Columns)})`" : $"index `{index.Name}`";
                yield return Report(index.Span,
                    $"{shown} is a plain B-tree on path-like `{table.Name}.{column.Name}`: under a non-C collation, prefix queries "
                    + $"(`{column.Name} LIKE 'a/b/%'`) cannot use it and scan `{table.Name}`.",
                    Recommendation(fix, table, column, out var after),
                    table: table.Name, column: column.Name,
                    after: after);
            }
        }
    }

    private static string Recommendation(FixSyntax fix, Table table, Column column, out string after)
    {
        var name = fix.IsDrizzle ? $"{table.Name}_{column.Name}_prefix_idx" : $"ix_{table.Name}_{column.Name}_prefix";
        after = fix.Index(table, [column.Name], name, operatorClass: "text_pattern_ops");
        return $"Index `{fix.Member(table, column)}` with `text_pattern_ops` (`{after.TrimEnd(';')}`), or use "
            + "`COLLATE \"C\"` on the column or index element.";
    }

    private static bool IsBtree(Index index) =>
        index.Method is null || string.Equals(index.Method, "btree", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikePath(string name)
    {
        var words = NameHeuristics.Words(name);
        if (words.Count == 0) return false;
        if (s_pathNouns.Contains(words[^1])) return true;
        return words[^1] == "key" && words.Count > 1 && words.Take(words.Count - 1).Any(s_storageWords.Contains);
    }

    /// <summary>True when this index compares the column's bytes: a pattern operator class, or the C/POSIX collation.</summary>
    private static bool ComparesBytes(Index index, Column column) =>
        (index.OperatorClasses.TryGetValue(column.Name, out var opClass) && s_patternOps.Contains(opClass))
        || IsByteCollation(index.Collations.GetValueOrDefault(column.Name))
        || IsByteCollation(column.Collation);

    /// <summary>Another index that serves prefix queries on the column (pattern ops, C collation, or a trigram GIN/GiST index).</summary>
    private static bool ServesPrefix(Index index, Column column)
    {
        if (index.Columns.Count == 0 || !string.Equals(index.Columns[0], column.Name, StringComparison.OrdinalIgnoreCase)) return false;
        return ComparesBytes(index, column);
    }

    private static bool IsByteCollation(string? collation) =>
        collation is not null && (collation.Equals("C", StringComparison.OrdinalIgnoreCase) || collation.Equals("POSIX", StringComparison.OrdinalIgnoreCase)
                                  || collation.Equals("ucs_basic", StringComparison.OrdinalIgnoreCase));
}
