using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>ON DELETE/UPDATE SET NULL on a column that cannot hold NULL: the parent's delete fails.</summary>
public sealed class FkSetNullNotNull : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "fk-set-null-not-null",
        Title = "ON DELETE SET NULL on a NOT NULL column",
        Severity = Severity.Critical,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "When the parent row is deleted, the database tries to set the referencing column to NULL. "
            + "The column is NOT NULL, so the statement fails with a not-null violation: the parent can never be deleted "
            + "while a child references it, which is neither what SET NULL promises nor what the code expects.",
        Fix = "Decide what a child without its parent means: make the column nullable (and its annotation `Mapped[X | None]`) "
            + "to keep orphans, or use `ondelete=\"CASCADE\"` to delete them, or `ondelete=\"RESTRICT\"` to forbid the delete explicitly.",
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
                author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=False)
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
                author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
            """,
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var ((fk, notNull), tables) in SharedDeclarations.BySpan(Violations(context), v => v.Fk.Span))
        {
            var onDelete = fk.OnDelete == ReferentialAction.SetNull;
            var clause = onDelete ? "ON DELETE SET NULL" : "ON UPDATE SET NULL";
            var when = onDelete ? "Deleting" : "Changing the key of";
            var target = fk.TargetColumns.Count > 0 ? $"{fk.TargetTable}.{fk.TargetColumns[0]}" : fk.TargetTable;
            var table = tables[0];
            var span = fk.Span.IsNone ? notNull.Span : fk.Span;
            var fix = FixSyntax.For(context, span);
            yield return Report(span,
                $"Foreign key {SharedDeclarations.Name(tables, notNull.Name)} → `{target}` is {clause}, but `{notNull.Name}` is NOT NULL: "
                + $"{when} a referenced `{StripSchema(fk.TargetTable)}` row fails with a not-null violation.",
                Recommendation(fix, table, notNull),
                after: fix.IsSql && !notNull.IsPrimaryKey ? fix.DropNotNull(table, notNull) : null,
                table: table.Name, column: notNull.Name);
        }
    }

    private static string Recommendation(FixSyntax fix, Table table, Column notNull)
    {
        var name = fix.Member(table, notNull);
        return (fix.Language, notNull.IsPrimaryKey) switch
        {
            (FixLanguage.SqlAlchemy, true) => $"`{notNull.Name}` is part of the primary key and can never be NULL: use `ondelete=\"CASCADE\"` or `\"RESTRICT\"`.",
            (FixLanguage.SqlAlchemy, false) => $"Make `{notNull.Name}` nullable (`nullable=True`, annotation `X | None`) to keep the `{table.Name}` row, "
                + "or use `ondelete=\"CASCADE\"` to delete it, or `\"RESTRICT\"` to forbid deleting the parent.",
            (FixLanguage.Drizzle, true) => $"`{name}` is part of the primary key and can never be NULL: use `onDelete: \"cascade\"` or `\"restrict\"`.",
            (FixLanguage.Drizzle, false) => $"Make `{name}` nullable (remove `.notNull()`) to keep the `{table.Name}` row, "
                + "or use `onDelete: \"cascade\"` to delete it, or `\"restrict\"` to forbid deleting the parent.",
            (_, true) => $"`{notNull.Name}` is part of the primary key and can never be NULL: recreate the foreign key with `ON DELETE CASCADE` or `RESTRICT`.",
            _ => $"Make `{notNull.Name}` nullable (`DROP NOT NULL`) to keep the `{table.Name}` row, "
                + "or recreate the foreign key with `ON DELETE CASCADE` to delete it, or `RESTRICT` to forbid deleting the parent.",
        };
    }

    private static IEnumerable<(Table, (ForeignKey Fk, Column NotNull))> Violations(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            foreach (var fk in table.ForeignKeys)
            {
                if (fk.OnDelete != ReferentialAction.SetNull && fk.OnUpdate != ReferentialAction.SetNull) continue;
                var notNull = fk.Columns
                    .Select(table.FindColumn)
                    .FirstOrDefault(c => c is not null && (!c.Nullable || c.IsPrimaryKey));
                if (notNull is not null) yield return (table, (fk, notNull));
            }
        }
    }

    private static string StripSchema(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }
}
