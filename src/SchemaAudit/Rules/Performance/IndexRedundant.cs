using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>
/// An index that another index, unique constraint or primary key of the same table already provides:
/// identical, or a leading prefix of a longer one. It costs writes and storage and serves nothing.
/// </summary>
public sealed class IndexRedundant : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "index-redundant",
        Title = "Redundant index",
        Severity = Severity.Warning,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "Every index is maintained on every insert, update and delete, takes disk and cache, and slows VACUUM. "
            + "An index on `(a)` is redundant next to an index, unique constraint or primary key on `(a)` or `(a, b)`: a B-tree "
            + "serves lookups on any leading prefix of its columns. The common case is `unique=True, index=True` on a column "
            + "plus an explicit `Index(...)` on the same column, which builds the same B-tree twice.",
        Fix = "Drop the redundant index (and write a migration that drops it from deployed databases).",
        BadExample = """
            from sqlalchemy import Index, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)
                tms_user_id: Mapped[str] = mapped_column(String(64), unique=True, index=True)

                __table_args__ = (Index("idx_users_tms_user_id", "tms_user_id"),)
            """,
        GoodExample = """
            from sqlalchemy import Index, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)
                tms_user_id: Mapped[str] = mapped_column(String(64), unique=True, index=True)
                email: Mapped[str] = mapped_column(String(320))

                __table_args__ = (Index("idx_users_email_lower", "email", postgresql_using="hash"),)
            """,
        KnownProblems = "Indexes are compared as written: two expression indexes that differ only in spelling are not recognised as "
            + "equal. An index that differs in method, operator class or partial predicate is never reported. A unique index is "
            + "only redundant next to a structure enforcing the same uniqueness on the same columns.",
    };

    // Lower keeps: the constraint that enforces something beats a plain index; a column flag beats an explicit
    // Index(...) that repeats it; otherwise the first declared stays and the later one is reported.
    private static int KeepRank(KeyStructure k) => k.Kind switch
    {
        KeyKind.PrimaryKey => 0,
        KeyKind.UniqueConstraint => 1,
        _ when k.IsUnique => k.Origin == IndexOrigin.ColumnFlag ? 2 : 3,
        _ => k.Origin == IndexOrigin.ColumnFlag ? 4 : 5,
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (table.Indexes.Count + table.UniqueConstraints.Count == 0) continue;
            var keys = KeyStructure.Of(table);
            if (keys.Count < 2) continue;

            // Only structures with the same first element can cover each other: bucket by it (linear in practice).
            var byLead = new Dictionary<string, List<KeyStructure>>(StringComparer.OrdinalIgnoreCase);
            foreach (var k in keys)
            {
                if (!byLead.TryGetValue(k.Columns[0], out var list)) byLead[k.Columns[0]] = list = [];
                list.Add(k);
            }

            foreach (var candidate in keys)
            {
                if (candidate.Kind == KeyKind.PrimaryKey) continue;
                KeyStructure? best = null;
                foreach (var other in byLead[candidate.Columns[0]])
                {
                    if (ReferenceEquals(other, candidate) || !Covers(other, candidate)) continue;
                    if (best is null || Better(other, best, candidate)) best = other;
                }
                // Two identical indexes in a live database are index-duplicate-live's one finding, not a second one here.
                if (best is null || (context.Schema.SourceKind == SchemaSourceKind.LiveDatabase && candidate.Kind == KeyKind.Index
                    && best.Columns.Count == candidate.Columns.Count)) continue;
                yield return Build(FixSyntax.For(context, candidate.Span), table, candidate, best);
            }
        }
    }

    /// <summary>True when <paramref name="other"/> makes <paramref name="candidate"/> unnecessary (and not the other way round when they are equal).</summary>
    private static bool Covers(KeyStructure other, KeyStructure candidate)
    {
        if (other.Columns.Count < candidate.Columns.Count) return false;
        if (other.Method != candidate.Method || other.Where != candidate.Where) return false;
        for (var i = 0; i < candidate.Columns.Count; i++)
        {
            if (other.IsExpression[i] != candidate.IsExpression[i]) return false;
            if (!string.Equals(other.Columns[i], candidate.Columns[i], candidate.IsExpression[i] ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
                return false;
            if (!string.Equals(OperatorClass(candidate, i), OperatorClass(other, i), StringComparison.OrdinalIgnoreCase)) return false;
        }

        var identical = other.Columns.Count == candidate.Columns.Count;
        // A unique structure is only replaced by one enforcing the same uniqueness: same columns, unique too.
        if (candidate.IsUnique && !(identical && other.IsUnique)) return false;

        // `unique=True, index=True` on one column is a single unique index in SQLAlchemy, however a front-end models it.
        if (identical && IsSameColumnFlag(other, candidate)) return false;

        if (!identical) return true;
        // Identical: exactly one of the pair is reported, the one with the worse keep rank (then the later one).
        var byRank = KeepRank(other).CompareTo(KeepRank(candidate));
        return byRank != 0 ? byRank < 0 : ComparePosition(other, candidate) < 0;
    }

    private static bool IsSameColumnFlag(KeyStructure a, KeyStructure b) =>
        a.Columns.Count == 1
        && (a.FromColumnFlag || a.Origin == IndexOrigin.ColumnFlag && a.Kind == KeyKind.Index)
        && (b.FromColumnFlag || b.Origin == IndexOrigin.ColumnFlag && b.Kind == KeyKind.Index);

    private static string? OperatorClass(KeyStructure k, int i) =>
        k.IsExpression[i] ? null : k.OperatorClasses.GetValueOrDefault(k.Columns[i]);

    // Prefer naming an identical duplicate over a longer index, then the structure that will certainly stay.
    private static bool Better(KeyStructure a, KeyStructure b, KeyStructure candidate)
    {
        var aIdentical = a.Columns.Count == candidate.Columns.Count;
        var bIdentical = b.Columns.Count == candidate.Columns.Count;
        if (aIdentical != bIdentical) return aIdentical;
        var byRank = KeepRank(a).CompareTo(KeepRank(b));
        return byRank != 0 ? byRank < 0 : ComparePosition(a, b) < 0;
    }

    private static int ComparePosition(KeyStructure a, KeyStructure b)
    {
        var c = string.CompareOrdinal(a.Span.Path, b.Span.Path);
        if (c != 0) return c;
        c = a.Span.Line.CompareTo(b.Span.Line);
        if (c != 0) return c;
        c = a.Span.Column.CompareTo(b.Span.Column);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    }

    private Finding Build(FixSyntax fix, Table table, KeyStructure redundant, KeyStructure keeper)
    {
        var identical = redundant.Columns.Count == keeper.Columns.Count;
        var where = keeper.Span.IsNone ? ""
            : keeper.Span.Line == 0 ? $" ({Reporting.ReportText.Location(keeper.Span)})" // a live database object has no line
            : $" (line {keeper.Span.Line}{(keeper.Span.Path == redundant.Span.Path ? "" : $" of {keeper.Span.Path}")})";
        var keeperText = Describe(fix, keeper, table);
        var message = identical
            ? $"{Subject(fix, redundant, table)} duplicates {keeperText}{where}: the same B-tree is built and maintained twice."
            : $"{Subject(fix, redundant, table)} is a leading prefix of {keeperText}{where}, which already serves the same lookups.";

        var (indexFlag, uniqueFlag) = Flags(fix);
        var column = redundant.Columns[0];
        string? after = null;
        var recommendation = redundant switch
        {
            { Kind: KeyKind.Index, Origin: IndexOrigin.ColumnFlag } when fix.IsSql =>
                $"Drop the index on `{column}` in a new migration; {keeperText} already covers it.",
            { Kind: KeyKind.UniqueConstraint, FromColumnFlag: true } when fix.IsSql =>
                $"Drop the unique constraint on `{column}` in a new migration; {keeperText} already enforces it.",
            { Kind: KeyKind.Index, Origin: IndexOrigin.ColumnFlag } => $"Remove `{indexFlag}` from `{fix.Member(table, column)}`; {keeperText} already covers it.",
            { Kind: KeyKind.UniqueConstraint, FromColumnFlag: true } => $"Remove `{uniqueFlag}` from `{fix.Member(table, column)}`; {keeperText} already enforces it.",
            { Name: { } name } => $"Drop `{name}` and keep {keeperText}; add a migration that drops it from deployed databases.",
            _ => $"Drop the {(redundant.Kind == KeyKind.Index ? "index" : "unique constraint")} on {redundant.ColumnList} and keep {keeperText}.",
        };
        if (fix.IsSql)
        {
            var name = redundant.Name ?? (redundant.Kind == KeyKind.Index ? null : $"{table.Name}_{string.Join('_', redundant.Columns)}_key");
            if (name is not null)
                after = redundant.Kind == KeyKind.Index
                    ? $"DROP INDEX {(fix.IsPostgres ? "CONCURRENTLY " : "")}{FixSyntax.ObjectIdent(table, name)};"
                    : $"ALTER TABLE {FixSyntax.TableIdent(table)} DROP CONSTRAINT {FixSyntax.Ident(name)};";
        }

        return Report(redundant.Span, message, recommendation, table: table.Name, after: after,
            column: redundant.Columns.Count == 1 && !redundant.IsExpression[0] ? redundant.Columns[0] : null,
            related: keeper.Span.IsNone ? null : [keeper.Span]);
    }

    /// <summary>How the source spells an index or unique flag on a column.</summary>
    private static (string Index, string Unique) Flags(FixSyntax fix) => fix.Pick(
        ("index=True", "unique=True"),
        ("index", ".unique()"),
        ("INDEX", "UNIQUE"));

    private static string Subject(FixSyntax fix, KeyStructure k, Table table) => k switch
    {
        { Kind: KeyKind.Index, Origin: IndexOrigin.ColumnFlag } => $"The index created by `{Flags(fix).Index}` on `{table.Name}.{k.Columns[0]}`",
        { Kind: KeyKind.UniqueConstraint, FromColumnFlag: true } => $"The unique constraint created by `{Flags(fix).Unique}` on `{table.Name}.{k.Columns[0]}`",
        _ => $"{Capitalize(k.Describe(Flags(fix).Index, Flags(fix).Unique))} on `{table.Name}`",
    };

    // `unique=True` and `index=True` on one column are one unique index: say so, as the user wrote it.
    private static string Describe(FixSyntax fix, KeyStructure k, Table table) =>
        k is { Kind: KeyKind.UniqueConstraint, FromColumnFlag: true }
        && table.Indexes.Exists(i => i.Origin == IndexOrigin.ColumnFlag && i.Columns.Count == 1
                                     && string.Equals(i.Columns[0], k.Columns[0], StringComparison.OrdinalIgnoreCase))
            ? $"`{Flags(fix).Unique}, {Flags(fix).Index}` on `{k.Columns[0]}`"
            : k.Describe(Flags(fix).Index, Flags(fix).Unique);

    private static string Capitalize(string s) => s.Length == 0 || !char.IsLower(s[0]) ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
