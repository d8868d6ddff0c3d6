using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>
/// A foreign key whose columns are not the leading columns of any index: deleting or updating a parent
/// row scans the child table, and joins from parent to children cannot use an index.
/// </summary>
public sealed class FkMissingIndex : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "fk-missing-index",
        Title = "Foreign key without an index",
        Severity = Severity.Warning,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "PostgreSQL and SQLite do not index foreign-key columns by themselves. Without an index, every delete or key update "
            + "of a parent row scans the whole child table to check or cascade the reference (holding locks meanwhile), and loading "
            + "a parent's children (`WHERE message.sender_id = ?`) is a sequential scan. The cost grows with the child table.",
        Fix = "Index the foreign-key columns: `index=True` on a single column, or an `Index(...)` whose leading columns are the FK's columns. "
            + "A primary key, unique constraint or composite index that starts with those columns already counts.",
        BadExample = """
            from sqlalchemy import ForeignKey, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Message(Base):
                __tablename__ = "messages"
                id: Mapped[int] = mapped_column(primary_key=True)
                sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
                body: Mapped[str] = mapped_column(String(4000))
            """,
        GoodExample = """
            from sqlalchemy import ForeignKey, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Message(Base):
                __tablename__ = "messages"
                id: Mapped[int] = mapped_column(primary_key=True)
                sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
                body: Mapped[str] = mapped_column(String(4000))
            """,
        KnownProblems = "Silent when the dialect is MySQL/MariaDB (InnoDB indexes foreign keys itself) and for foreign keys declared in "
            + "C# (EF Core creates an index per foreign key by convention). When the dialect is unknown, PostgreSQL behaviour is assumed. "
            + "Partial indexes and expression indexes do not count as covering, and a hash index only covers a single-column key.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (context.Schema.Dialect is { } dialect
            && (dialect.Contains("mysql", StringComparison.OrdinalIgnoreCase) || dialect.Contains("mariadb", StringComparison.OrdinalIgnoreCase)))
            yield break;

        foreach (var table in context.Schema.Tables)
        {
            if (table.ForeignKeys.Count == 0) continue;
            List<KeyStructure>? keys = null;
            foreach (var fk in table.ForeignKeys)
            {
                if (fk.Columns.Count == 0 || fk.Span.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) continue;
                keys ??= KeyStructure.Of(table);
                if (keys.Exists(k => Covers(k, fk.Columns))) continue;
                yield return Build(context, table, fk);
            }
        }
    }

    /// <summary>A B-tree serves the FK when its first n elements are exactly the FK's n columns, in any order.</summary>
    private static bool Covers(KeyStructure key, List<string> fkColumns)
    {
        var n = fkColumns.Count;
        if (!key.ServesLookupsOnLeading(n)) return false;
        var wanted = new HashSet<string>(fkColumns, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < n; i++)
        {
            if (key.IsExpression[i] || !wanted.Remove(key.Columns[i])) return false;
        }
        return wanted.Count == 0;
    }

    private Finding Build(RuleContext context, Table table, ForeignKey fk)
    {
        var single = fk.Columns.Count == 1;
        var column = single ? table.FindColumn(fk.Columns[0]) : null;
        var span = column is not null && !column.Span.IsNone ? column.Span : fk.Span;

        var columns = string.Join(", ", fk.Columns);
        var shown = single ? $"`{table.Name}.{columns}`" : $"`{table.Name}` ({columns})";
        var target = fk.TargetColumns.Count > 0 ? $"`{fk.TargetTable}.{string.Join(", ", fk.TargetColumns)}`" : $"`{fk.TargetTable}`";
        var message = $"Foreign key {shown} → {target} has no index: deleting or updating a `{fk.TargetTable}` row scans `{table.Name}`, "
            + $"and loading the `{table.Name}` rows of one `{fk.TargetTable}` row cannot use an index.";

        var fix = FixSyntax.For(context, span);
        var indexName = fix.IndexName(table, fk.Columns);
        var quoted = string.Join(", ", fk.Columns.Select(c => $"\"{c}\""));
        string recommendation;
        string? before = null, after = null;
        if (fix.IsSql)
        {
            recommendation = $"Create an index on {shown} in a new migration"
                + (fix.IsPostgres ? " (`CONCURRENTLY` builds it without blocking writes; run it outside a transaction)." : ".");
            after = fix.CreateIndex(table, fk.Columns, indexName);
        }
        else if (fix.IsDrizzle)
        {
            after = fix.Index(table, fk.Columns, indexName);
            recommendation = $"Add `{after}` {fix.IndexPlacement}"
                + (single ? "." : " (a composite index whose leading columns are the foreign key's).");
        }
        else if (single)
        {
            recommendation = $"Add `index=True` to `{columns}` (or an `Index(\"{indexName}\", {quoted})`).";
            var fkCall = $"ForeignKey(\"{fk.TargetTable}.{(fk.TargetColumns.Count > 0 ? fk.TargetColumns[0] : "id")}\")";
            before = $"{columns} = mapped_column({fkCall})";
            after = $"{columns} = mapped_column({fkCall}, index=True)";
        }
        else
        {
            recommendation = $"Add `Index(\"{indexName}\", {quoted})` to `__table_args__` (a composite index whose leading columns are the foreign key's).";
            after = $"Index(\"{indexName}\", {quoted})";
        }

        return Report(span, message, recommendation, table: table.Name, column: single ? columns : null, before: before, after: after,
            related: span != fk.Span && !fk.Span.IsNone ? [fk.Span] : null);
    }
}
