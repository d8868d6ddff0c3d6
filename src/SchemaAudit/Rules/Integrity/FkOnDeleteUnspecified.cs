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
        Severity = Severity.Suggestion,
        Category = RuleCategory.Integrity,
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
        SeverityPolicy = "A suggestion: NO ACTION is a safe default, only the intent is unwritten. A warning when the application "
            + "code visibly deletes the parent (`session.delete(project)`, `db.delete(projects)`, `DELETE FROM projects`) and neither "
            + "an ORM cascade on the parent's relationship nor a delete of the children in code handles them: that delete fails or "
            + "orphans rows at run time. Silent where the parent's ORM relationship cascades deletes to these children "
            + "(`cascade=\"all, delete-orphan\"`): the intent is written there. When most foreign keys of the project have no "
            + "ON DELETE, that habit is one project-level finding listing them.",
        KnownProblems = "Deletes are recognised by name in code (`session.delete(project)` is taken to delete a `Project`); a delete "
            + "through a differently named variable is not seen, and the finding then stays a suggestion. "
            + "The key of a joined-table inheritance subclass (its primary key referencing the parent class's table) is not "
            + "reported: the inheritance itself documents that the two rows live and die together.",
    };

    public override ConventionPolicy Convention { get; } = new()
    {
        Severity = Severity.Suggestion,
        Message = (places, tables) => $"{places} foreign keys in {tables} tables do not say what happens on delete: "
            + "the project relies on NO ACTION everywhere, so the intent of each relationship is undocumented.",
        Recommendation = "Decide once per relationship kind and write it on every foreign key: CASCADE for rows that belong "
            + "to their parent, SET NULL for rows that outlive it, RESTRICT where deleting a referenced parent must be an error.",
        StandsApart = f => f.Severity <= Severity.Warning,
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var unspecified = context.Schema.Tables
            .SelectMany(t => t.ForeignKeys.Select(fk => (t, fk)))
            .Where(x => x.fk.OnDelete == ReferentialAction.Unspecified && !IsInheritanceKey(context, x.t, x.fk));
        // Foreign keys whose parent the code deletes are grouped by that parent: one delete that fails is one finding,
        // however many tables block it.
        var blockedDeletes = new Dictionary<string, List<(Table Child, ForeignKey Fk, SourceSpan Delete)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (fk, tables) in SharedDeclarations.BySpan(unspecified, fk => fk.Span))
        {
            var table = tables[0];
            var parent = context.FindTable(fk.TargetTable);
            var ormHandles = parent is not null && OrmHandlesDelete(context, parent, table, fk);
            if (tables.Count == 1 && ParentDeletedInCode(context, parent, table, fk, ormHandles) is { } delete)
            {
                if (!blockedDeletes.TryGetValue(parent!.Name, out var list)) blockedDeletes[parent.Name] = list = [];
                list.Add((table, fk, delete));
                continue;
            }
            if (ormHandles) continue;
            var columns = string.Join(", ", fk.Columns);
            var span = SpanOf(table, fk);
            var fix = FixSyntax.For(context, span);
            yield return Report(span,
                $"Foreign key {SharedDeclarations.Name(tables, columns)} → `{Target(fk)}` does not say what happens on delete: the database falls back to NO ACTION.",
                Recommendation(fix, table, fk),
                table: table.Name, column: fk.Columns.Count == 1 ? fk.Columns[0] : null,
                before: fix.IsDrizzle ? fix.ForeignKeyAsWritten(fk) : null,
                after: fix.IsSqlAlchemy ? null : fix.ForeignKeyWithAction(table, fk, "CASCADE"),
                reaches: tables);
        }

        foreach (var (parentName, blockers) in blockedDeletes)
        {
            var (child, fk, delete) = blockers[0];
            var span = SpanOf(child, fk);
            var fix = FixSyntax.For(context, span);
            var references = string.Join(", ", blockers.Take(4).Select(b => $"`{b.Child.Name}.{string.Join(", ", b.Fk.Columns)}`"))
                + (blockers.Count > 4 ? $" and {blockers.Count - 4} more" : "");
            var finding = Report(span,
                $"The code deletes `{parentName}` rows ({delete.Path}:{delete.Line}), but {references} "
                + $"{(blockers.Count == 1 ? "references" : "reference")} them with no ON DELETE and nothing deletes or detaches those rows first: "
                + "the delete fails (NO ACTION) as soon as one exists.",
                Recommendation(fix, child, fk),
                table: child.Name, column: fk.Columns.Count == 1 ? fk.Columns[0] : null,
                before: fix.IsDrizzle ? fix.ForeignKeyAsWritten(fk) : null,
                after: fix.IsSqlAlchemy ? null : fix.ForeignKeyWithAction(child, fk, "CASCADE"),
                related: [delete, .. blockers.Skip(1).Select(b => SpanOf(b.Child, b.Fk)).Where(s => !s.IsNone)],
                reaches: [.. blockers.Select(b => b.Child).Distinct()]);
            yield return finding with { Severity = Severity.Warning, Occurrences = blockers.Count };
        }
    }

    private static string Target(ForeignKey fk) =>
        fk.TargetColumns.Count > 0 ? $"{fk.TargetTable}.{string.Join(", ", fk.TargetColumns)}" : fk.TargetTable;

    private static SourceSpan SpanOf(Table table, ForeignKey fk) =>
        fk.Span.IsNone && fk.Columns.Count > 0 && table.FindColumn(fk.Columns[0]) is { } c ? c.Span : fk.Span;

    private static string Recommendation(FixSyntax fix, Table table, ForeignKey fk)
    {
        var outcome = $"to state what happens to `{table.Name}` rows when their parent is deleted";
        return fix.Language switch
        {
            FixLanguage.SqlAlchemy => $"Add `ondelete=\"CASCADE\"`, `\"SET NULL\"` or `\"RESTRICT\"` to `ForeignKey(\"{Target(fk)}\")` {outcome}.",
            FixLanguage.Drizzle => $"Add `{{ onDelete: \"cascade\" }}`, `\"set null\"` or `\"restrict\"` to `{fix.ForeignKeyAsWritten(fk)}` {outcome}.",
            _ => $"Recreate the constraint in a new migration with `ON DELETE CASCADE`, `SET NULL` or `RESTRICT` {outcome}.",
        };
    }

    // The code deletes the parent and does not delete these children itself. Where the ORM handles the children on
    // delete, only bulk deletes, which bypass the ORM, still fail.
    private static SourceSpan? ParentDeletedInCode(RuleContext context, Table? parent, Table child, ForeignKey fk, bool ormHandles)
    {
        var evidence = context.Schema.Evidence;
        if (parent is null || ReferenceEquals(parent, child)) return null;
        if (evidence.DeleteOf(child.Name, child.Entity?.Name) is not null) return null;
        // Children detached first (`Query.query.filter(...).update(dict(data_source_id=None))`).
        if (fk.Columns.Any(evidence.NullWrites.ContainsKey)) return null;
        return evidence.DeleteOf(parent.Name, parent.Entity?.Name, bulkOnly: ormHandles);
    }

    // On an ORM delete of the parent, the ORM itself deletes the children (a delete cascade on the parent's
    // relationship, link rows of a `secondary` table) or detaches them (a parent-side collection over a nullable key:
    // the ORM sets the key to NULL), so the database's NO ACTION is never reached.
    private static bool OrmHandlesDelete(RuleContext context, Table parent, Table child, ForeignKey fk)
    {
        if (parent.Entity is null) return false;
        if (OrmCascadesDelete(context, parent, child)) return true;
        if (context.SecondaryTables.Contains(child.Name)) return true;
        var nullable = fk.Columns.All(c => child.FindColumn(c) is { Nullable: true });
        if (!nullable) return false;
        if (context.RelationshipsOf(parent.Entity.Name).Any(r => string.Equals(r.TargetTable, child.Name, StringComparison.OrdinalIgnoreCase)))
            return true;
        return child.Entity is { } childEntity && context.RelationshipsOf(childEntity.Name).Any(r =>
            string.Equals(r.TargetTable, parent.Name, StringComparison.OrdinalIgnoreCase) && (r.Backref is not null || r.BackPopulates is not null));
    }

    // The parent's ORM relationship to these children cascades deletes (or lets the database do it).
    private static bool OrmCascadesDelete(RuleContext context, Table? parent, Table child)
    {
        if (parent?.Entity is not { } parentEntity) return false;
        foreach (var rel in context.RelationshipsOf(parentEntity.Name))
        {
            if (!string.Equals(rel.TargetTable, child.Name, StringComparison.OrdinalIgnoreCase)) continue;
            if (rel.PassiveDeletes) return true;
            if (rel.Cascade is { } cascade && (cascade.Contains("delete", StringComparison.OrdinalIgnoreCase)
                || cascade.Split(',').Any(p => p.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))))
                return true;
        }
        return false;
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
