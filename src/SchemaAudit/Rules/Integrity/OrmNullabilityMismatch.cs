using System.Text.RegularExpressions;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>The ORM type annotation says one thing about NULL, the explicit column nullability another.</summary>
public sealed partial class OrmNullabilityMismatch : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "orm-nullability-mismatch",
        Title = "Type annotation disagrees with column nullability",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Integrity,
        Why = "The annotation is what the code and the type checker trust; the column is what the database enforces. "
            + "`Mapped[UUID]` on a nullable column tells every reader the value is always there, so code dereferences it without a check "
            + "and fails on the first NULL (and `ON DELETE SET NULL` guarantees NULLs will appear). `Mapped[X | None]` on a NOT NULL column "
            + "lets code assign `None`, which the database then rejects at flush time. Drizzle's `$type<T>()` against `.notNull()` fails the same ways.",
        Fix = "Make the two agree: `Mapped[X | None]` with `nullable=True`, `Mapped[X]` with `nullable=False` "
            + "(in SQLAlchemy 2.0 the annotation alone is enough; drop the redundant `nullable=`).",
        BadExample = """
            from uuid import UUID

            from sqlalchemy import ForeignKey
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[UUID] = mapped_column(primary_key=True)


            class Conversation(Base):
                __tablename__ = "conversations"
                id: Mapped[UUID] = mapped_column(primary_key=True)
                created_by: Mapped[UUID] = mapped_column(
                    ForeignKey("users.id", ondelete="SET NULL"),
                    nullable=True,
                )
            """,
        GoodExample = """
            from uuid import UUID

            from sqlalchemy import ForeignKey
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[UUID] = mapped_column(primary_key=True)


            class Conversation(Base):
                __tablename__ = "conversations"
                id: Mapped[UUID] = mapped_column(primary_key=True)
                created_by: Mapped[UUID | None] = mapped_column(
                    ForeignKey("users.id", ondelete="SET NULL"),
                    nullable=True,
                )
            """,
        SeverityPolicy = "A suggestion: the annotation and the column disagree, but nothing visible writes the value that would break. "
            + "A warning when the application code writes `None`/`null` to that attribute (`task.owner_id = None`, "
            + "`.update(dict(owner_id=None))`, `.set({ ownerId: null })`), or the database does (an `ON DELETE SET NULL` foreign key on a column annotated never-None): the disagreement then fails at flush or hands NULL to code typed never-None.",
        KnownProblems = "Only explicit nullability is compared (when `nullable=` is absent, SQLAlchemy derives it from the annotation, "
            + "so they cannot disagree). Primary-key columns are not reported: the database keeps them NOT NULL whatever `nullable=` says, and `Optional` on them only means \"unknown until flush\".",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!context.HasOrmFacts) yield break;
        var mismatches = context.Schema.Tables
            .SelectMany(t => t.Columns.Select(c => (t, c)))
            .Where(x => Disagrees(x.c));
        foreach (var (column, tables) in SharedDeclarations.BySpan(mismatches, c => c.Span))
        {
            var finding = Describe(context, column, tables);
            if (column.Nullable && tables[0].ForeignKeys.Any(fk => fk.OnDelete == ReferentialAction.SetNull
                    && fk.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase)))
                yield return finding with { Severity = Severity.Warning }; // the database itself writes the NULL
            else if (NullWriteOf(context, column) is { } at)
                yield return finding with { Severity = Severity.Warning, Message = finding.Message + $" The code writes NULL to it ({at.Path}:{at.Line}).", RelatedSpans = [at] };
            else
                yield return finding;
        }
    }

    private static SourceSpan? NullWriteOf(RuleContext context, Column column)
    {
        var writes = context.Schema.Evidence.NullWrites;
        if (column.Attribute is { } a && writes.TryGetValue(a.Name, out var span)) return span;
        return writes.TryGetValue(column.Name, out span) ? span : null;
    }

    private Finding Describe(RuleContext context, Column column, List<Table> tables)
    {
        var attribute = column.Attribute!;
        var span = column.Span.IsNone ? attribute.Span : column.Span;
        var name = attribute.Name;
        var annotation = attribute.Annotation ?? "";
        var table = tables[0];
        var subject = SharedDeclarations.Name(tables, column.Name);
        if (FixLanguages.Of(context, span) == FixLanguage.Drizzle)
            return DrizzleFinding(span, table, column, subject, name, annotation);
        if (column.Nullable)
        {
            var setNull = table.ForeignKeys.Any(fk => fk.OnDelete == ReferentialAction.SetNull
                && fk.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase));
            var fixedAnnotation = MakeNullable(annotation);
            return Report(span,
                $"{subject} is annotated `{annotation}` (never None) but declared `nullable=True`"
                + (setNull ? " and its foreign key is ON DELETE SET NULL" : "")
                + ": code trusting the annotation will meet NULL.",
                setNull
                    ? $"Annotate `{name}` as `{fixedAnnotation}`: ON DELETE SET NULL needs the column nullable."
                    : $"Annotate `{name}` as `{fixedAnnotation}`, or declare it `nullable=False` if a value is always required.",
                table: table.Name, column: column.Name,
                before: annotation.Length > 0 ? $"{name}: {annotation}" : null,
                after: annotation.Length > 0 ? $"{name}: {fixedAnnotation}" : null);
        }
        var narrowed = MakeNonNullable(annotation);
        return Report(span,
            $"{subject} is annotated `{annotation}` (may be None) but declared `nullable=False`: "
            + "assigning None passes the type checker and fails at flush.",
            narrowed is null
                ? $"Remove `None` from the annotation of `{name}`, or declare it `nullable=True` if the value is optional."
                : $"Annotate `{name}` as `{narrowed}`, or declare it `nullable=True` if the value is optional.",
            table: table.Name, column: column.Name,
            before: narrowed is null ? null : $"{name}: {annotation}",
            after: narrowed is null ? null : $"{name}: {narrowed}");
    }

    /// <summary>
    /// Drizzle states the TypeScript type with <c>$type&lt;T&gt;()</c> and nullability with <c>.notNull()</c>: the same facts,
    /// said in the words a Drizzle user reads.
    /// </summary>
    private Finding DrizzleFinding(SourceSpan span, Table table, Column column, string subject, string name, string type)
    {
        var setNull = column.Nullable && table.ForeignKeys.Any(fk => fk.OnDelete == ReferentialAction.SetNull
            && fk.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase));
        if (column.Nullable)
        {
            var widened = type.Length == 0 ? "T | null" : $"{type.Trim()} | null";
            return Report(span,
                $"{subject} is typed `$type<{type}>()` (never null) but has no `.notNull()`"
                + (setNull ? " and its foreign key is ON DELETE SET NULL" : "")
                + ": code trusting the type will meet null.",
                setNull
                    ? $"Type `{name}` as `$type<{widened}>()`: ON DELETE SET NULL needs the column nullable."
                    : $"Type `{name}` as `$type<{widened}>()`, or add `.notNull()` if a value is always required.",
                table: table.Name, column: column.Name,
                before: type.Length > 0 ? $"$type<{type}>()" : null,
                after: type.Length > 0 ? $"$type<{widened}>()" : null);
        }

        var narrowed = WithoutTsNull(type);
        return Report(span,
            $"{subject} is typed `$type<{type}>()` (may be null) but declared `.notNull()`: "
            + "assigning null passes the type checker and fails at insert.",
            narrowed is null
                ? $"Remove `null` from the `$type<...>()` of `{name}`, or remove `.notNull()` if the value is optional."
                : $"Type `{name}` as `$type<{narrowed}>()`, or remove `.notNull()` if the value is optional.",
            table: table.Name, column: column.Name,
            before: narrowed is null ? null : $"$type<{type}>()",
            after: narrowed is null ? null : $"$type<{narrowed}>()");
    }

    /// <summary><c>string | null</c> → <c>string</c>; null when nothing is left or the type is not a plain union.</summary>
    internal static string? WithoutTsNull(string type)
    {
        var parts = type.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p.Contains('<') || p.Contains('(') || p.Contains('{'))) return null;
        var kept = parts.Where(p => p is not ("null" or "undefined")).ToList();
        return kept.Count == 0 || kept.Count == parts.Length ? null : string.Join(" | ", kept);
    }

    private static bool Disagrees(Column column) =>
        column.Attribute is { NullableExplicit: true, AnnotationNullable: { } annotated }
        && annotated != column.Nullable
        // A primary key is NOT NULL whatever `nullable=` says, and `Optional` on it only means "unknown until flush".
        && !column.IsPrimaryKey
        // Single-table inheritance: the subclass's column is NULL in the other classes' rows, never in its own.
        && !(column.Attribute.OnSingleTableSubclass && column.Nullable);

    /// <summary><c>Mapped[UUID]</c> → <c>Mapped[UUID | None]</c>; <c>str</c> → <c>str | None</c>.</summary>
    internal static string MakeNullable(string annotation)
    {
        var trimmed = annotation.Trim();
        if (MappedWrapper().Match(trimmed) is { Success: true } m)
            return $"{m.Groups["wrapper"].Value}[{m.Groups["inner"].Value.Trim()} | None]";
        return trimmed.Length == 0 ? "X | None" : $"{trimmed} | None";
    }

    /// <summary><c>Mapped[Optional[X]]</c>, <c>Mapped[X | None]</c> → <c>Mapped[X]</c>; null when the form is not recognised.</summary>
    internal static string? MakeNonNullable(string annotation)
    {
        var trimmed = annotation.Trim();
        var wrapper = "";
        var inner = trimmed;
        if (MappedWrapper().Match(trimmed) is { Success: true } m)
        {
            wrapper = m.Groups["wrapper"].Value;
            inner = m.Groups["inner"].Value.Trim();
        }

        string? stripped = null;
        if (OptionalForm().Match(inner) is { Success: true } o) stripped = o.Groups["t"].Value.Trim();
        else if (TrailingNone().Match(inner) is { Success: true } t) stripped = t.Groups["t"].Value.Trim();
        else if (LeadingNone().Match(inner) is { Success: true } l) stripped = l.Groups["t"].Value.Trim();
        if (stripped is null || stripped.Length == 0) return null;
        return wrapper.Length > 0 ? $"{wrapper}[{stripped}]" : stripped;
    }

    [GeneratedRegex(@"^(?<wrapper>(?:\w+\.)*Mapped)\[(?<inner>.*)\]$", RegexOptions.Singleline)]
    private static partial Regex MappedWrapper();

    [GeneratedRegex(@"^(?:typing\.)?Optional\[(?<t>.*)\]$", RegexOptions.Singleline)]
    private static partial Regex OptionalForm();

    [GeneratedRegex(@"^['""]?(?<t>[^|]+?)\s*\|\s*None['""]?$", RegexOptions.Singleline)]
    private static partial Regex TrailingNone();

    [GeneratedRegex(@"^['""]?None\s*\|\s*(?<t>[^|]+?)['""]?$", RegexOptions.Singleline)]
    private static partial Regex LeadingNone();
}
