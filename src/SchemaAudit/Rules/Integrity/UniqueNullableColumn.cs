using System.Text.RegularExpressions;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>A composite unique key with a nullable column: rows with NULL there never collide.</summary>
public sealed class UniqueNullableColumn : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "unique-nullable-column",
        Title = "Unique key over a nullable column",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.Medium),
        Why = "In SQL, NULL is never equal to NULL, so a unique constraint ignores every row where one of its columns is NULL. "
            + "`UniqueConstraint(\"org_id\", \"slug\")` with a nullable `org_id` accepts any number of rows with the same `slug` and no "
            + "organisation: exactly the duplicates the constraint was written to prevent.",
        Fix = "Make the columns NOT NULL; or, on PostgreSQL 15+, declare the constraint `NULLS NOT DISTINCT` "
            + "(`postgresql_nulls_not_distinct=True`); or add a partial unique index for the NULL case (`... WHERE org_id IS NULL`).",
        BadExample = """
            from sqlalchemy import ForeignKey, String, UniqueConstraint
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Organization(Base):
                __tablename__ = "organizations"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Project(Base):
                __tablename__ = "projects"
                __table_args__ = (UniqueConstraint("org_id", "slug", name="uq_projects_org_slug"),)
                id: Mapped[int] = mapped_column(primary_key=True)
                org_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
                slug: Mapped[str] = mapped_column(String(80))
            """,
        GoodExample = """
            from sqlalchemy import ForeignKey, String, UniqueConstraint
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Organization(Base):
                __tablename__ = "organizations"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Project(Base):
                __tablename__ = "projects"
                __table_args__ = (UniqueConstraint("org_id", "slug", name="uq_projects_org_slug"),)
                id: Mapped[int] = mapped_column(primary_key=True)
                org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
                slug: Mapped[str] = mapped_column(String(80))
            """,
        KnownProblems = "Single-column unique keys are not reported: many rows without a value is what an optional unique identifier "
            + "(`stripe_customer_id`, `email` for invited users) usually means. Partial indexes whose predicate requires the nullable "
            + "columns to be NOT NULL, and expression elements, are not reported; nor are keys that contain the primary key or a smaller "
            + "NOT NULL unique key (`UNIQUE (id, dsn)`, kept as the target of a composite foreign key), which that key alone keeps unique.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            foreach (var unique in table.UniqueConstraints)
            {
                if (unique.NullsNotDistinct || unique.Columns.Count < 2 || ContainsAKey(table, unique.Columns)) continue;
                var nullable = NullableColumns(table, unique.Columns, null);
                if (nullable.Count == 0) continue;
                yield return Report(unique.Span.IsNone ? table.Span : unique.Span,
                    Message(table, "Unique constraint", unique.Name, unique.Columns, nullable),
                    Recommendation(FixSyntax.For(context, unique.Span.IsNone ? table.Span : unique.Span), nullable),
                    table: table.Name, column: nullable.Count == 1 ? nullable[0] : null);
            }

            foreach (var index in table.Indexes)
            {
                if (!index.IsUnique || index.NullsNotDistinct || index.Columns.Count < 2) continue;
                var plainColumns = index.Columns.Where((_, i) => i >= index.IsExpression.Count || !index.IsExpression[i]).ToList();
                if (ContainsAKey(table, plainColumns)) continue;
                var nullable = NullableColumns(table, plainColumns, index.Where);
                if (nullable.Count == 0) continue;
                yield return Report(index.Span.IsNone ? table.Span : index.Span,
                    Message(table, "Unique index", index.Name, index.Columns, nullable),
                    Recommendation(FixSyntax.For(context, index.Span.IsNone ? table.Span : index.Span), nullable),
                    table: table.Name, column: nullable.Count == 1 ? nullable[0] : null);
            }
        }
    }

    /// <summary>
    /// The columns include the primary key, or a smaller unique key of NOT NULL columns: that key alone already keeps rows
    /// apart, so NULLs in the other columns let no duplicate through (<c>UNIQUE (id, dsn)</c>, the target of a composite FK).
    /// </summary>
    private static bool ContainsAKey(Table table, IReadOnlyCollection<string> columns)
    {
        var set = new HashSet<string>(columns, StringComparer.OrdinalIgnoreCase);
        if (table.PrimaryKey is { Columns.Count: > 0 } pk && pk.Columns.TrueForAll(set.Contains)) return true;
        return table.UniqueConstraints.Exists(u => u.Columns.Count > 0 && u.Columns.Count < set.Count && u.Columns.TrueForAll(set.Contains)
                                                   && u.Columns.TrueForAll(c => table.FindColumn(c) is { Nullable: false }));
    }

    private static List<string> NullableColumns(Table table, IEnumerable<string> columns, string? predicate) =>
        [.. columns.Where(name => table.FindColumn(name) is { Nullable: true, IsPrimaryKey: false }
                                  && !(predicate is not null && PredicateExcludesNull(predicate, name)))];

    // `x IS NOT NULL`, `x.isnot(None)`, `x.is_not(None)`, `x != None` in a partial index predicate.
    private static bool PredicateExcludesNull(string predicate, string column)
    {
        var col = Regex.Escape(column);
        return Regex.IsMatch(predicate, $@"\b{col}\b[""'`\]]?\s+IS\s+NOT\s+NULL\b", RegexOptions.IgnoreCase)
            || Regex.IsMatch(predicate, $@"\b{col}\s*\.\s*is_?not\s*\(\s*None\s*\)")
            || Regex.IsMatch(predicate, $@"\b{col}\s*!=\s*None\b");
    }

    private static string Message(Table table, string kind, string? name, List<string> columns, List<string> nullable)
    {
        var label = name is null ? "" : $" `{name}`";
        var key = string.Join(", ", columns);
        var which = string.Join(", ", nullable.Select(c => $"`{c}`"));
        return $"{kind}{label} on `{table.Name}` ({key}) includes nullable {which}: rows where it is NULL never collide, so duplicates get through.";
    }

    private static string Recommendation(FixSyntax fix, List<string> nullable)
    {
        var which = string.Join(", ", nullable.Select(c => $"`{c}`"));
        var (notNull, nullsNotDistinct) = fix.Language switch
        {
            FixLanguage.SqlAlchemy => ("", "declare the key NULLS NOT DISTINCT (`postgresql_nulls_not_distinct=True`, PostgreSQL 15+)"),
            FixLanguage.Drizzle => (" (`.notNull()`)", "declare the key NULLS NOT DISTINCT (`.nullsNotDistinct()`, PostgreSQL 15+)"),
            _ => (" (`SET NOT NULL`)", "recreate the key as `UNIQUE NULLS NOT DISTINCT` (PostgreSQL 15+)"),
        };
        return $"Make {which} NOT NULL{notNull}, or {nullsNotDistinct}, "
            + $"or add a partial unique index for rows where {which} is NULL.";
    }
}
