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
        Severity = Severity.Critical,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.Medium),
        Why = "Without a primary key a row cannot be addressed reliably: exact duplicates can be inserted, "
            + "updates and deletes by identity are impossible, logical replication refuses the table, and an ORM cannot map it. "
            + "Association tables need a composite key over their foreign keys for the same reasons.",
        Fix = "Declare a primary key: a surrogate `id` column, or for an association table a composite key over its foreign-key columns.",
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

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (table.PrimaryKey is { Columns.Count: > 0 }) continue;
            var fkColumns = table.ForeignKeys.SelectMany(fk => fk.Columns).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var fix = FixSyntax.For(context, table.Span);
            var composite = table.IsAssociationTable && fkColumns.Count >= 2;
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
            yield return Report(table.Span,
                $"Table `{table.Name}` has no primary key.",
                recommendation, table: table.Name);
        }
    }
}
