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
        Severity = Severity.Suggestion,
        Category = RuleCategory.Integrity,
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
        KnownProblems = "Severity: a suggestion, and a warning when a foreign key elsewhere references exactly the key's columns (the "
            + "code uses it as an identity, and a duplicate makes the reference ambiguous). In PostgreSQL a nullable column in a unique key "
            + "is often by design (an optional external id that many rows leave NULL), which the schema cannot tell from an oversight. "
            + "A nullable column declared once (a mixin) and used in the keys of several tables is one finding at its declaration. "
            + "The unique key of a link table without a primary key is left to `table-no-primary-key`, which reports the whole fix. "
            + "Single-column unique keys are not reported: many rows without a value is what an optional unique identifier "
            + "(`stripe_customer_id`, `email` for invited users) usually means. Partial indexes whose predicate requires the nullable "
            + "columns to be NOT NULL, and expression elements, are not reported; nor are keys that contain the primary key or a smaller "
            + "NOT NULL unique key (`UNIQUE (id, dsn)`, kept as the target of a composite foreign key), which that key alone keeps unique.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var candidates = new List<Candidate>();
        foreach (var table in context.Schema.Tables)
        {
            // A keyless link table's unique key is reported once by `table-no-primary-key`, with the fix that covers its NULLs.
            var linkKey = TableTraits.KeylessLinkKey(table);
            foreach (var unique in table.UniqueConstraints)
            {
                if (unique.NullsNotDistinct || unique.Columns.Count < 2 || ContainsAKey(table, unique.Columns)) continue;
                if (linkKey is { } k && k.Span == unique.Span && k.Columns.SequenceEqual(unique.Columns)) continue;
                var nullable = NullableColumns(table, unique.Columns, null);
                if (nullable.Count > 0)
                    candidates.Add(new Candidate(table, "Unique constraint", unique.Name, unique.Columns, nullable, unique.Span.IsNone ? table.Span : unique.Span));
            }

            foreach (var index in table.Indexes)
            {
                if (!index.IsUnique || index.NullsNotDistinct || index.Columns.Count < 2) continue;
                if (linkKey is { } k && k.Span == index.Span && k.Columns.SequenceEqual(index.Columns)) continue;
                var plainColumns = index.Columns.Where((_, i) => i >= index.IsExpression.Count || !index.IsExpression[i]).ToList();
                if (ContainsAKey(table, plainColumns)) continue;
                var nullable = NullableColumns(table, plainColumns, index.Where);
                if (nullable.Count > 0)
                    candidates.Add(new Candidate(table, "Unique index", index.Name, index.Columns, nullable, index.Span.IsNone ? table.Span : index.Span));
            }
        }

        // A nullable column declared once (a mixin's `project_id`) and found in the keys of several tables is one cause: one finding.
        var tablesBySpan = new Dictionary<SourceSpan, HashSet<Table>>();
        foreach (var c in candidates)
            foreach (var column in c.Nullable)
                if (c.Table.FindColumn(column) is { Span.IsNone: false } col)
                {
                    if (!tablesBySpan.TryGetValue(col.Span, out var set)) tablesBySpan[col.Span] = set = [];
                    set.Add(c.Table);
                }
        var shared = new Dictionary<SourceSpan, List<Candidate>>();
        var order = new List<(SourceSpan? Shared, Candidate Candidate)>();
        foreach (var c in candidates)
        {
            SourceSpan? sharedSpan = null;
            foreach (var column in c.Nullable)
                if (c.Table.FindColumn(column) is { Span.IsNone: false } col && tablesBySpan[col.Span].Count > 1) { sharedSpan = col.Span; break; }
            if (sharedSpan is not { } span) { order.Add((null, c)); continue; }
            if (!shared.TryGetValue(span, out var group)) { shared[span] = group = []; order.Add((span, c)); }
            group.Add(c);
        }

        foreach (var (sharedSpan, c) in order)
        {
            var severity = IsReferenced(context, c) ? Severity.Warning : Severity.Suggestion;
            if (sharedSpan is not { } span)
            {
                yield return Report(c.Span, Message(c.Table, c.Kind, c.Name, c.Columns, c.Nullable),
                    Recommendation(FixSyntax.For(context, c.Span), c.Nullable),
                    table: c.Table.Name, column: c.Nullable.Count == 1 ? c.Nullable[0] : null) with { Severity = severity };
                continue;
            }
            var group = shared[span];
            var column = c.Table.Columns.Find(col => col.Span == span)!.Name;
            if (group.Count == 1)
            {
                yield return Report(c.Span, Message(c.Table, c.Kind, c.Name, c.Columns, c.Nullable),
                    Recommendation(FixSyntax.For(context, c.Span), c.Nullable),
                    table: c.Table.Name, column: c.Nullable.Count == 1 ? c.Nullable[0] : null) with { Severity = severity };
                continue;
            }
            var keys = group.Select(g => $"`{g.Table.Name}` ({string.Join(", ", g.Columns)})").ToList();
            const int shown = 4;
            var listed = string.Join(", ", keys.Take(shown)) + (keys.Count > shown ? $" and {keys.Count - shown} more" : "");
            yield return Report(span,
                $"`{column}` is declared nullable once and used in the unique keys of {group.Count} tables ({listed}): rows where it is NULL "
                + "never collide, so those keys let duplicates through.",
                Recommendation(FixSyntax.For(context, span), [column]),
                table: c.Table.Name, column: column,
                related: [.. group.Select(g => g.Span).Where(s => !s.IsNone).Distinct()])
                with { Severity = group.Exists(g => IsReferenced(context, g)) ? Severity.Warning : Severity.Suggestion };
        }
    }

    private sealed record Candidate(Table Table, string Kind, string? Name, List<string> Columns, List<string> Nullable, SourceSpan Span);

    /// <summary>
    /// The code uses the key as an identity: a foreign key elsewhere references exactly these columns. Duplicates then make a
    /// reference ambiguous, so the finding is a warning; otherwise NULLs in a key are often by design (an optional external id).
    /// </summary>
    private static bool IsReferenced(RuleContext context, Candidate c)
    {
        foreach (var (_, fk) in context.ForeignKeysTo(c.Table.Name))
            if (fk.TargetColumns.Count == c.Columns.Count && fk.TargetColumns.All(t => c.Columns.Contains(t, StringComparer.OrdinalIgnoreCase)))
                return true;
        return false;
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
