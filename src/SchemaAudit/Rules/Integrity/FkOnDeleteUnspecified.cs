using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>A foreign key that does not say what happens to children when the parent is deleted.</summary>
public sealed class FkOnDeleteUnspecified : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "fk-on-delete-unspecified",
        Title = "Foreign key without an explicit ON DELETE",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.Medium),
        Why = "Without an ON DELETE action the database uses NO ACTION: deleting a parent that still has children fails at commit. "
            + "That may be the intent, but nothing says so; the ORM may instead set the children's key to NULL or delete them one by one, "
            + "and bulk deletes, other services and manual SQL get a different behaviour than ORM deletes. The reader cannot tell which was meant.",
        Fix = "State the intent on every foreign key: `ondelete=\"CASCADE\"` (children belong to the parent), `\"SET NULL\"` "
            + "(children outlive it; the column must be nullable) or `\"RESTRICT\"` (deleting a referenced parent is an error).",
        BadExample = """
            from sqlalchemy import ForeignKey, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Project(Base):
                __tablename__ = "projects"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Task(Base):
                __tablename__ = "tasks"
                id: Mapped[int] = mapped_column(primary_key=True)
                title: Mapped[str] = mapped_column(String(200))
                project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
            """,
        GoodExample = """
            from sqlalchemy import ForeignKey, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Project(Base):
                __tablename__ = "projects"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Task(Base):
                __tablename__ = "tasks"
                id: Mapped[int] = mapped_column(primary_key=True)
                title: Mapped[str] = mapped_column(String(200))
                project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
            """,
        KnownProblems = "The key of a joined-table inheritance subclass (its primary key referencing the parent class's table) is not "
            + "reported: the inheritance itself documents that the two rows live and die together.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var unspecified = context.Schema.Tables
            .SelectMany(t => t.ForeignKeys.Select(fk => (t, fk)))
            .Where(x => x.fk.OnDelete == ReferentialAction.Unspecified && !IsInheritanceKey(context, x.t, x.fk));
        foreach (var (fk, tables) in SharedDeclarations.BySpan(unspecified, fk => fk.Span))
        {
            var table = tables[0];
            var columns = string.Join(", ", fk.Columns);
            var target = fk.TargetColumns.Count > 0 ? $"{fk.TargetTable}.{string.Join(", ", fk.TargetColumns)}" : fk.TargetTable;
            var span = fk.Span.IsNone && fk.Columns.Count > 0 && table.FindColumn(fk.Columns[0]) is { } c ? c.Span : fk.Span;
            var fix = FixSyntax.For(context, span);
            var outcome = $"to state what happens to `{table.Name}` rows when their parent is deleted";
            var recommendation = fix.Language switch
            {
                FixLanguage.SqlAlchemy => $"Add `ondelete=\"CASCADE\"`, `\"SET NULL\"` or `\"RESTRICT\"` to `ForeignKey(\"{target}\")` {outcome}.",
                FixLanguage.Drizzle => $"Add `{{ onDelete: \"cascade\" }}`, `\"set null\"` or `\"restrict\"` to `{fix.ForeignKeyAsWritten(fk)}` {outcome}.",
                _ => $"Recreate the constraint in a new migration with `ON DELETE CASCADE`, `SET NULL` or `RESTRICT` {outcome}.",
            };
            yield return Report(span,
                $"Foreign key {SharedDeclarations.Name(tables, columns)} → `{target}` does not say what happens on delete: the database falls back to NO ACTION.",
                recommendation,
                table: table.Name, column: fk.Columns.Count == 1 ? fk.Columns[0] : null,
                before: fix.IsDrizzle ? fix.ForeignKeyAsWritten(fk) : null,
                after: fix.IsSqlAlchemy ? null : fix.ForeignKeyWithAction(table, fk, "CASCADE"));
        }
    }

    // Joined-table inheritance: the subclass table's primary key is a FK to a base class's table.
    private static bool IsInheritanceKey(RuleContext context, Table table, ForeignKey fk)
    {
        if (table.Entity is not { } entity || table.PrimaryKey is not { } pk) return false;
        if (pk.Columns.Count != fk.Columns.Count || !pk.Columns.All(c => fk.Columns.Contains(c, StringComparer.OrdinalIgnoreCase))) return false;
        var target = context.FindTable(fk.TargetTable);
        return target is not null && EntityHierarchy.SelfAndAncestors(context, entity)
            .Any(e => e != entity && string.Equals(e.TableName, target.Name, StringComparison.OrdinalIgnoreCase));
    }
}
