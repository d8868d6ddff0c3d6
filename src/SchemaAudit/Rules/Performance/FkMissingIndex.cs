using System.Collections.Frozen;
using System.Text.RegularExpressions;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>
/// A foreign key whose columns are not the leading columns of any index: deleting or updating a parent
/// row scans the child table, and joins from parent to children cannot use an index.
/// </summary>
public sealed partial class FkMissingIndex : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "fk-missing-index",
        Title = "Foreign key without an index",
        Severity = Severity.Warning,
        Category = RuleCategory.Performance,
        Why = "PostgreSQL and SQLite do not index foreign-key columns by themselves. Without an index, every delete or key update "
            + "of a parent row scans the whole child table to check or cascade the reference (holding locks meanwhile), and loading "
            + "a parent's children (`WHERE message.sender_id = ?`) is a sequential scan. The cost grows with the child table.",
        Fix = "Index the foreign-key columns: `index=True` on a single column, or an `Index(...)` whose leading columns are the FK's columns. "
            + "A primary key, unique constraint or composite index that starts with those columns already counts.",
        BadExample = """
            from datetime import datetime

            from sqlalchemy import DateTime, ForeignKey, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)
                email: Mapped[str] = mapped_column(String(320), unique=True)
                name: Mapped[str] = mapped_column(String(200))
                created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


            class Message(Base):
                __tablename__ = "messages"
                id: Mapped[int] = mapped_column(primary_key=True)
                sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
                body: Mapped[str] = mapped_column(String(4000))
            """,
        GoodExample = """
            from datetime import datetime

            from sqlalchemy import DateTime, ForeignKey, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)
                email: Mapped[str] = mapped_column(String(320), unique=True)
                name: Mapped[str] = mapped_column(String(200))
                created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


            class Message(Base):
                __tablename__ = "messages"
                id: Mapped[int] = mapped_column(primary_key=True)
                sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
                body: Mapped[str] = mapped_column(String(4000))
            """,
        KnownProblems = "Severity: a warning when the code shows that the index is needed: the foreign key deletes or nulls children "
            + "(`ON DELETE CASCADE`/`SET NULL`, so every parent delete searches this table), the parent's ORM class loads these rows as a "
            + "collection, or the child table is an append-only log that grows without bound. Otherwise a suggestion, and always a "
            + "suggestion when the parent is a small lookup table (`*_type`, `status`, `category`, or two columns besides its key), "
            + "which is rarely deleted or listed from. "
            + "An index counts wherever the project creates it: on the model, in a migration (when the project has both), or in the live "
            + "database; so does a primary key, unique constraint or composite index whose leading columns are the foreign key's, and a "
            + "partial index whose predicate only excludes NULL keys (`WHERE col IS NOT NULL`). Silent when the dialect is MySQL/MariaDB "
            + "(InnoDB indexes foreign keys itself) and for foreign keys declared in C# (EF Core creates an index per foreign key by "
            + "convention). When the dialect is unknown, PostgreSQL behaviour is assumed. Expression indexes do not count, and a hash "
            + "index only covers a single-column key.",
    };

    // Head nouns of lookup tables: a handful of rows that are read by key, almost never deleted or listed from.
    private static readonly FrozenSet<string> s_lookupNouns = new[]
    {
        "type", "kind", "status", "state", "category", "level", "priority", "severity", "role", "currency", "country",
        "language", "locale", "region", "timezone", "unit", "color", "colour", "plan", "tier", "genre",
    }.ToFrozenSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\(*\s*""?(?<column>[a-z_][a-z0-9_$]*)""?\s+is\s+not\s+null\s*\)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NotNullTest();

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
                if (keys.Exists(k => Covers(k, fk.Columns)) || IndexedInAnotherView(context, table, fk)) continue;
                yield return Build(context, table, fk);
            }
        }
    }

    /// <summary>
    /// An index the project creates elsewhere: a migration that indexes the column the model leaves bare, or the live database.
    /// The table in the other view is the same table when its name matches; it is read the same way as the model's.
    /// </summary>
    private static bool IndexedInAnotherView(RuleContext context, Table table, ForeignKey fk)
    {
        foreach (var view in context.OtherViews)
        {
            var twin = view.FindTable(table.QualifiedName) ?? view.FindTable(table.Name);
            if (twin is not null && KeyStructure.Of(twin).Exists(k => Covers(k, fk.Columns))) return true;
        }
        return false;
    }

    /// <summary>
    /// A B-tree serves the FK when its first n elements are exactly the FK's n columns, in any order. A partial index
    /// serves it too when its predicate only leaves out rows whose key is NULL, which a lookup by key never wants.
    /// </summary>
    private static bool Covers(KeyStructure key, List<string> fkColumns)
    {
        var n = fkColumns.Count;
        if (!key.ServesLookupsOnLeading(n, ignoringPredicate: true)) return false;
        if (key.Where is { } where && !OnlyExcludesNullKeys(where, fkColumns)) return false;
        var wanted = new HashSet<string>(fkColumns, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < n; i++)
        {
            if (key.IsExpression[i] || !wanted.Remove(key.Columns[i])) return false;
        }
        return wanted.Count == 0;
    }

    /// <summary>True for <c>col IS NOT NULL</c> (or several joined by AND) over the foreign key's own columns.</summary>
    private static bool OnlyExcludesNullKeys(string predicate, List<string> fkColumns)
    {
        foreach (var part in predicate.Split(" and ", StringSplitOptions.TrimEntries))
        {
            var m = NotNullTest().Match(part);
            if (!m.Success || !fkColumns.Exists(c => c.Equals(m.Groups["column"].Value, StringComparison.OrdinalIgnoreCase))) return false;
        }
        return true;
    }

    /// <summary>Warning when the code shows the index is needed (see <see cref="RuleMetadata.KnownProblems"/>), else a suggestion.</summary>
    private static Severity SeverityOf(RuleContext context, Table table, ForeignKey fk)
    {
        var parent = context.FindTable(fk.TargetTable);
        if (parent is not null && IsLookup(parent) && !ParentListsChildren(context, parent, table)) return Severity.Suggestion;
        if (fk.OnDelete is ReferentialAction.Cascade or ReferentialAction.SetNull or ReferentialAction.SetDefault) return Severity.Warning;
        if (TableTraits.IsAppendOnly(table)) return Severity.Warning;
        return parent is not null && ParentListsChildren(context, parent, table) ? Severity.Warning : Severity.Suggestion;
    }

    /// <summary>A lookup table: named like one (<c>incident_type</c>, <c>status</c>), or at most two columns besides its key.</summary>
    private static bool IsLookup(Table parent)
    {
        if (NameHeuristics.HeadNoun(parent.Name) is { } noun && s_lookupNouns.Contains(noun)) return true;
        var pk = parent.PrimaryKey?.Columns ?? [];
        var others = parent.Columns.Count(c => !c.IsPrimaryKey && !pk.Contains(c.Name, StringComparer.OrdinalIgnoreCase));
        return parent.Columns.Count > 0 && others <= 2;
    }

    /// <summary>
    /// True when the parent's ORM class has a collection of this table's rows, or reads through it as a many-to-many
    /// association (<c>secondary=</c>), or a child's <c>backref</c> gives it one.
    /// </summary>
    private static bool ParentListsChildren(RuleContext context, Table parent, Table child)
    {
        if (parent.Entity is { } entity)
        {
            foreach (var rel in context.RelationshipsOf(entity.Name))
            {
                var through = rel.Secondary ?? rel.TargetTable;
                if (string.Equals(through, child.Name, StringComparison.OrdinalIgnoreCase) && RelationshipShape.IsCollection(rel))
                    return true;
            }
        }
        if (child.Entity is { } childEntity)
        {
            foreach (var rel in context.RelationshipsOf(childEntity.Name))
            {
                if (rel.Backref is not null && rel.UseList != false
                    && string.Equals(rel.TargetTable, parent.Name, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
        }
        return false;
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
            related: span != fk.Span && !fk.Span.IsNone ? [fk.Span] : null) with { Severity = SeverityOf(context, table, fk) };
    }
}
