using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>A table with no primary key: rows cannot be addressed, ORMs cannot map it, duplicates pile up.</summary>
public sealed class TableNoPrimaryKey : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "table-no-primary-key",
        Title = "Table without a primary key",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Why = "Without a primary key a row cannot be addressed reliably: exact duplicates can be inserted, "
            + "updates and deletes by identity are impossible, logical replication refuses the table, and an ORM cannot map it. "
            + "Association tables need a composite key over their foreign keys for the same reasons.",
        Fix = "Declare a primary key: a surrogate `id` column, or for an association table a composite key over its foreign-key columns. "
            + "When a unique key over the foreign keys already exists, promote it: the primary key makes its columns NOT NULL and serves "
            + "the lookups an extra index on its leading column was added for.",
        KnownProblems = "Severity: a warning. A missing key by itself loses no data and fails no statement, so it is never critical; a "
            + "table whose NOT NULL unique key already identifies its rows is still reported (replication and ORMs want a declared key), "
            + "naming that key. A link table with no key, a unique key over its references, nullable columns in it and an index that "
            + "repeats its leading column is one finding here (fix: promote the unique key to a NOT NULL composite primary key); "
            + "`unique-nullable-column` stays silent for that key.",
        BadExample = """
            from sqlalchemy import Column, ForeignKey, Integer, Table
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()

            post_tags = Table(
                "post_tags",
                Base.metadata,
                Column("post_id", Integer, ForeignKey("posts.id", ondelete="CASCADE")),
                Column("tag_id", Integer, ForeignKey("tags.id", ondelete="CASCADE")),
            )
            """,
        GoodExample = """
            from sqlalchemy import Column, ForeignKey, Integer, Table
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()

            post_tags = Table(
                "post_tags",
                Base.metadata,
                Column("post_id", Integer, ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
                Column("tag_id", Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
            )
            """,
    };

    // This many link tables declared the same way are a habit of the project: one finding names them all.
    private const int ConventionThreshold = 3;

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var promotions = new List<Finding>();
        foreach (var table in context.Schema.Tables)
        {
            if (table.PrimaryKey is { Columns.Count: > 0 }) continue;
            if (TableTraits.KeylessLinkKey(table) is { } key)
            {
                promotions.Add(PromoteUniqueKey(context, table, key.Columns, key.Name, key.Span));
                continue;
            }
            var fkColumns = table.ForeignKeys.SelectMany(fk => fk.Columns).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var fix = FixSyntax.For(context, table.Span);
            var composite = (table.IsAssociationTable || TableTraits.IsLinkTable(table, extraColumns: 0)) && fkColumns.Count >= 2;
            var listed = string.Join(", ", fkColumns.Select(c => $"`{c}`"));
            var recommendation = fix.Language switch
            {
                FixLanguage.SqlAlchemy => composite
                    ? $"Make ({listed}) the composite primary key (`primary_key=True` on each column)."
                    : "Add a primary key column (e.g. `id = mapped_column(Integer, primary_key=True)`).",
                FixLanguage.Drizzle => composite
                    ? $"Make ({listed}) the composite primary key (`primaryKey({{ columns: [{string.Join(", ", fkColumns.Select(c => $"t.{fix.Member(table, c)}"))}] }})` in the table's extra config)."
                    : "Add a primary key column (e.g. `id: integer().primaryKey().generatedAlwaysAsIdentity()`).",
                _ => composite
                    ? $"Make ({listed}) the composite primary key in a new migration (`ALTER TABLE {FixSyntax.Ident(table.Name)} ADD PRIMARY KEY ({string.Join(", ", fkColumns.Select(FixSyntax.Ident))})`)."
                    : $"Add a primary key in a new migration (e.g. `ALTER TABLE {FixSyntax.Ident(table.Name)} ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`).",
            };
            var identity = NotNullUniqueKey(table);
            var message = identity is null
                ? $"Table `{table.Name}` has no primary key."
                : $"Table `{table.Name}` has no primary key; its NOT NULL unique key ({string.Join(", ", identity)}) identifies rows, but is not declared as the key.";
            if (identity is not null && !composite)
                recommendation = $"Declare ({string.Join(", ", identity)}) the primary key instead of a unique key, or " + char.ToLowerInvariant(recommendation[0]) + recommendation[1..];
            yield return Report(table.Span, message, recommendation, table: table.Name);
        }

        if (promotions.Count < ConventionThreshold)
        {
            foreach (var finding in promotions) yield return finding;
            yield break;
        }
        var first = promotions[0];
        const int shown = 4;
        var names = string.Join(", ", promotions.Take(shown).Select(f => $"`{f.Table}`")) + (promotions.Count > shown ? $" and {promotions.Count - shown} more" : "");
        yield return first with
        {
            Message = $"{promotions.Count} link tables have no primary key ({names}): each has a unique key over its references that is its "
                + "natural key but admits NULLs. The first: " + first.Message,
            Recommendation = "In each, promote the unique key to the primary key (one change per table, the same every time). For the first: "
                + first.Recommendation,
            RelatedSpans = [.. promotions.Skip(1).Select(f => f.Span).Where(s => !s.IsNone)],
        };
    }

    /// <summary>
    /// A link table with no key but a unique constraint over its references: one cause, one finding. The unique key should be the
    /// primary key; its nullable columns and the single-column indexes it already serves go with it.
    /// </summary>
    private Finding PromoteUniqueKey(RuleContext context, Table table, IReadOnlyList<string> columns, string? name, SourceSpan keySpan)
    {
        var fix = FixSyntax.For(context, table.Span);
        var nullable = columns.Where(c => table.FindColumn(c) is { Nullable: true }).ToList();
        var redundant = table.Indexes.FindAll(i => !i.IsUnique && i.Columns.Count > 0 && i.Columns.Count < columns.Count
            && !i.IsExpression.Contains(true) && i.Columns.Select((c, n) => string.Equals(c, columns[n], StringComparison.OrdinalIgnoreCase)).All(x => x));
        var list = string.Join(", ", columns);
        var label = name is null ? $"unique key ({list})" : $"unique key `{name}` ({list})";
        var problems = new List<string>();
        if (nullable.Count > 0) problems.Add($"{string.Join(", ", nullable.Select(c => $"`{c}`"))} {(nullable.Count == 1 ? "is" : "are")} nullable, so rows with NULL there never collide");
        if (redundant.Count > 0) problems.Add($"the index on `{string.Join(", ", redundant[0].Columns)}` repeats its leading column");
        var detail = problems.Count == 0 ? "" : $"; {string.Join(", and ", problems)}";
        var drops = redundant.Count == 0 ? "" : fix.Pick(
            $", and drop `index=True` on `{redundant[0].Columns[0]}` (the key serves its lookups)",
            $", and drop the index on `{redundant[0].Columns[0]}` (the key serves its lookups)",
            $", and drop the index on `{redundant[0].Columns[0]}`");
        var recommendation = fix.Language switch
        {
            FixLanguage.SqlAlchemy => $"Promote the unique key to the primary key: `primary_key=True` on {string.Join(" and ", columns.Select(c => $"`{c}`"))} "
                + $"(which makes them NOT NULL) in place of the `UniqueConstraint`{drops}.",
            FixLanguage.Drizzle => $"Promote the unique key to the primary key: `primaryKey({{ columns: [{string.Join(", ", columns.Select(c => $"t.{fix.Member(table, c)}"))}] }})` "
                + $"(which makes them NOT NULL) in place of the unique{drops}.",
            _ => $"Promote the unique key to the primary key in a new migration (`ALTER TABLE {FixSyntax.Ident(table.Name)} ADD PRIMARY KEY "
                + $"({string.Join(", ", columns.Select(FixSyntax.Ident))})`, which makes them NOT NULL), then drop the unique key{drops}.",
        };
        var related = new List<SourceSpan>();
        if (!keySpan.IsNone) related.Add(keySpan);
        related.AddRange(redundant.Select(i => i.Span).Where(s => !s.IsNone));
        return Report(table.Span,
            $"Link table `{table.Name}` has no primary key: its {label} is the natural key{detail}.",
            recommendation, table: table.Name, related: related) with { Severity = Severity.Warning };
    }

    /// <summary>The columns of a unique key whose columns are all NOT NULL (a key in all but name), or null.</summary>
    private static IReadOnlyList<string>? NotNullUniqueKey(Table table)
    {
        bool AllNotNull(IEnumerable<string> columns) => columns.All(c => table.FindColumn(c) is { Nullable: false });
        foreach (var unique in table.UniqueConstraints)
            if (unique.Columns.Count > 0 && AllNotNull(unique.Columns)) return unique.Columns;
        foreach (var index in table.Indexes)
            if (index.IsUnique && index.Where is null && index.Columns.Count > 0 && !index.IsExpression.Contains(true) && AllNotNull(index.Columns))
                return index.Columns;
        return null;
    }
}
