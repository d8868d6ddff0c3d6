using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>A foreign-key column whose type differs from the column it references.</summary>
public sealed class FkTypeMismatch : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "fk-type-mismatch",
        Title = "Foreign key type differs from the referenced column",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "A foreign key must hold every value of the key it references. An `int` column referencing a `bigint` key overflows "
            + "once ids pass 2^31; PostgreSQL refuses to create a foreign key between `uuid` and `text`; and joins between mismatched "
            + "types need casts that keep indexes from being used.",
        Fix = "Give the foreign-key column exactly the referenced column's type (in SQLAlchemy 2.0, also the matching `Mapped[...]` annotation).",
        BadExample = """
            from sqlalchemy import BigInteger, ForeignKey, Integer
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Account(Base):
                __tablename__ = "accounts"
                id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


            class Invoice(Base):
                __tablename__ = "invoices"
                id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
                account_id: Mapped[int] = mapped_column(Integer, ForeignKey("accounts.id", ondelete="CASCADE"))
            """,
        GoodExample = """
            from sqlalchemy import BigInteger, ForeignKey
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Account(Base):
                __tablename__ = "accounts"
                id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


            class Invoice(Base):
                __tablename__ = "invoices"
                id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
                account_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("accounts.id", ondelete="CASCADE"))
            """,
        KnownProblems = "Columns whose type could not be determined are not compared, nor lengths of string types. "
            + "A `mapped_column(ForeignKey(...))` with no explicit type takes the referenced column's type in SQLAlchemy, whatever its "
            + "`Mapped[...]` annotation says, so it is never reported.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var ((local, target, remote), tables) in SharedDeclarations.BySpan(Mismatches(context), m => m.Local.Span))
        {
            yield return Report(local.Span,
                $"{SharedDeclarations.Name(tables, local.Name)} is {Describe(local)} but references `{target.Name}.{remote.Name}`, which is {Describe(remote)}.",
                $"Declare `{local.Name}` with the type of `{target.Name}.{remote.Name}` ({Written(remote)}).",
                table: tables[0].Name, column: local.Name);
        }
    }

    private static IEnumerable<(Table, (Column Local, Table Target, Column Remote))> Mismatches(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            foreach (var fk in table.ForeignKeys)
            {
                if (context.FindTable(fk.TargetTable) is not { } target) continue;
                var pairs = Math.Min(fk.Columns.Count, fk.TargetColumns.Count);
                for (var i = 0; i < pairs; i++)
                {
                    var local = table.FindColumn(fk.Columns[i]);
                    var remote = target.FindColumn(fk.TargetColumns[i]);
                    if (local is null || remote is null || !Differ(local.Type, remote.Type) || TypeOnlyFromAnnotation(local)) continue;
                    yield return (table, (local, target, remote));
                    break; // one finding per foreign key
                }
            }
        }
    }

    /// <summary>
    /// SQLAlchemy gives a <c>mapped_column(ForeignKey(...))</c> without an explicit type the referenced column's type,
    /// not the annotation's (<c>Mapped[int]</c> to a <c>BigInteger</c> key is a BIGINT column). A type that merely
    /// repeats the annotation was not written, so it cannot disagree.
    /// </summary>
    private static bool TypeOnlyFromAnnotation(Column column)
    {
        if (column.Attribute?.Annotation is not { } annotation || column.TypeAsWritten.Length == 0) return false;
        var inner = OrmNullabilityMismatch.MakeNonNullable(annotation) ?? annotation;
        if (inner.StartsWith("Mapped[", StringComparison.Ordinal) && inner.EndsWith(']')) inner = inner[7..^1];
        return string.Equals(inner.Trim().Trim('"', '\''), column.TypeAsWritten.Trim(), StringComparison.Ordinal);
    }

    private static bool Differ(LogicalType a, LogicalType b) =>
        a != LogicalType.Unknown && b != LogicalType.Unknown && a != b;

    private static string Describe(Column c) =>
        c.TypeAsWritten.Length > 0 ? $"`{c.Type.DisplayName()}` (`{c.TypeAsWritten}`)" : $"`{c.Type.DisplayName()}`";

    private static string Written(Column c) => c.TypeAsWritten.Length > 0 ? $"`{c.TypeAsWritten}`" : $"`{c.Type.DisplayName()}`";
}
