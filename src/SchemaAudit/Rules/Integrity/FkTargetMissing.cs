using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>A foreign key or ORM relationship that points at a table, column or class that is not defined.</summary>
public sealed class FkTargetMissing : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "fk-target-missing",
        Title = "Foreign key or relationship target not defined",
        Severity = Severity.Critical,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "A foreign key to a table or column that does not exist cannot be created: `create_all()` raises "
            + "`NoReferencedTableError`/`NoReferencedColumnError` and the migration fails. A relationship to an unknown class fails "
            + "when the mappers are configured, i.e. on the first query, often only in production. Usually the cause is a typo or a rename "
            + "that missed one place.",
        Fix = "Correct the name (`ForeignKey(\"<table>.<column>\")` uses the table name, `relationship(\"<Class>\")` the class name), "
            + "or define the missing table or class.",
        BadExample = """
            from sqlalchemy import ForeignKey, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Post(Base):
                __tablename__ = "posts"
                id: Mapped[int] = mapped_column(primary_key=True)
                title: Mapped[str] = mapped_column(String(200))
                author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
            """,
        GoodExample = """
            from sqlalchemy import ForeignKey, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Post(Base):
                __tablename__ = "posts"
                id: Mapped[int] = mapped_column(primary_key=True)
                title: Mapped[str] = mapped_column(String(200))
                author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
            """,
        KnownProblems = "Only the audited files are known: auditing one file of a project reports targets defined in the others "
            + "(audit the whole models package). A target in a database schema that no audited table uses (e.g. Supabase's `auth.users`) "
            + "is assumed to be external and is not reported. Nothing is reported while a model file could not be parsed, since the "
            + "missing table may be in it, nor for a missing column of a class that inherits from a mixin the audit did not read.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var schema = context.Schema;
        // With nothing defined, or a model file unreadable, "not defined" would be a guess.
        if (schema.Tables.Count == 0 || schema.Diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error)) yield break;

        var knownSchemas = new HashSet<string>(
            schema.Tables.Where(t => t.SchemaName is not null).Select(t => t.SchemaName!), StringComparer.OrdinalIgnoreCase);

        var broken = schema.Tables
            .SelectMany(t => t.ForeignKeys.Select(fk => (Table: t, Item: (Fk: fk, Problem: Problem(context, knownSchemas, fk)))))
            .Where(x => x.Item.Problem is not null);
        foreach (var ((fk, problem), tables) in SharedDeclarations.BySpan(broken, x => x.Fk.Span))
        {
            var (target, missingColumn) = problem!.Value;
            var name = SharedDeclarations.Name(tables, string.Join(", ", fk.Columns));
            var column = fk.Columns.Count == 1 ? fk.Columns[0] : null;
            if (target is null)
            {
                yield return Report(fk.Span,
                    $"Foreign key {name} references table `{fk.TargetTable}`, which is not defined in the audited files.",
                    FixSyntax.For(context, fk.Span).Pick(
                        $"Correct the table name in `ForeignKey(\"{fk.TargetTable}.…\")` (it is the `__tablename__`, not the class name), or define the table.",
                        $"Correct the table in `.references(() => …)` (it is the table object, e.g. `{FixSyntax.CamelCase(fk.TargetTable)}`), or define the table.",
                        $"Correct the table name in `REFERENCES {fk.TargetTable}`, or create the table before it is referenced."),
                    table: tables[0].Name, column: column);
                continue;
            }
            var key = string.Join(", ", target.Columns.Where(c => c.IsPrimaryKey).Select(c => $"`{c.Name}`"));
            yield return Report(fk.Span,
                $"Foreign key {name} references column `{target.Name}.{missingColumn}`, which `{target.Name}` does not define.",
                key.Length > 0
                    ? $"Reference an existing column of `{target.Name}` (its primary key is {key})."
                    : $"Reference an existing column of `{target.Name}`.",
                table: tables[0].Name, column: column);
        }

        if (!context.HasOrmFacts || schema.Entities.Count == 0) yield break;
        foreach (var rel in schema.Relationships)
        {
            if (UnresolvedTarget(context, rel) is not { } name) continue;
            yield return Report(rel.Span,
                $"Relationship `{rel.OwnerEntity}.{rel.Attribute}` targets class `{name}`, which is not defined in the audited files: "
                + "mapper configuration fails on first use.",
                "Correct the class name in `relationship(...)`/`Mapped[...]` (it is the class name, not the table name), or define the class.",
                table: rel.OwnerTable);
        }
    }

    /// <summary>The class name a relationship targets when no audited class has it; null when resolved or not a plain name.</summary>
    private static string? UnresolvedTarget(RuleContext context, Relationship rel)
    {
        var written = rel.TargetEntity ?? rel.TargetAsWritten;
        if (written is null) return null; // no target written: nothing to check
        var name = EntityHierarchy.SimpleName(written);
        // `lambda: X`, `Mapped[...]` forms and other expressions cannot be judged from their text.
        if (name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c == '_') || char.IsDigit(name[0])) return null;
        return context.FindEntity(name) is null ? name : null;
    }

    /// <summary>Null when the target exists; otherwise the target table (null when it is missing) and the missing column.</summary>
    private static (Table? Target, string? MissingColumn)? Problem(RuleContext context, HashSet<string> knownSchemas, ForeignKey fk)
    {
        var dot = fk.TargetTable.LastIndexOf('.');
        var targetSchema = dot > 0 ? fk.TargetTable[..dot] : null;
        // A schema no audited table lives in (Supabase's `auth.users`) is managed elsewhere: not ours to judge.
        if (targetSchema is not null && !knownSchemas.Contains(targetSchema)
            && !string.Equals(targetSchema, "public", StringComparison.OrdinalIgnoreCase)) return null;

        if (context.FindTable(fk.TargetTable) is not { } target) return (null, null);

        var missing = fk.TargetColumns.Find(c => target.FindColumn(c) is null);
        if (missing is null) return null;
        if (target.Entity is { } entity && (EntityHierarchy.HasUnknownAncestor(context, entity)
            || EntityHierarchy.SelfAndAncestors(context, entity).Any(e => e.AttributeNames.Contains(missing))))
            return null; // a column we cannot see (from an unread mixin) may exist
        return (target, missing);
    }
}
