using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary><c>created_at</c>/<c>updated_at</c> that may be NULL or that nothing fills in.</summary>
public sealed class AuditTimestampNullable : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "audit-timestamp-nullable",
        Title = "Audit timestamp nullable or without a default",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Why = "`created_at` and `updated_at` are only useful if every row has them. A nullable column with no default stays NULL for every "
            + "insert that forgets it (raw SQL, bulk inserts, other services, fixtures); ordering, retention jobs and \"created this week\" "
            + "queries then silently skip those rows.",
        Fix = "Declare it NOT NULL with a server default: `mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)` "
            + "(in SQLAlchemy 2.0, `Mapped[datetime]` already means NOT NULL).",
        BadExample = """
            from sqlalchemy import Column, DateTime, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class Invoice(Base):
                __tablename__ = "invoices"
                id = Column(Integer, primary_key=True)
                number = Column(String(32), nullable=False)
                created_at = Column(DateTime(timezone=True))
            """,
        GoodExample = """
            from sqlalchemy import Column, DateTime, Integer, String, func
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class Invoice(Base):
                __tablename__ = "invoices"
                id = Column(Integer, primary_key=True)
                number = Column(String(32), nullable=False)
                created_at = Column(DateTime(timezone=True), server_default=func.now(), nullable=False)
            """,
        SeverityPolicy = "A warning when a creation timestamp can end up empty with nothing to stop it (nullable with no default), or "
            + "a NOT NULL one has no default (inserts that omit it fail). A suggestion when it is only nullable but has a default: "
            + "only an explicit NULL leaves it empty. An `updated_at` that is nullable with no default is NULL-until-first-update "
            + "by design and is not reported. When most tables share the pattern, it is one project-level finding.",
        KnownProblems = "An `updated_at` that is deliberately NULL until the first update (annotated `Mapped[datetime | None]`, "
            + "with an on-update mechanism) is not reported. A default set by an insert listener counts only when the front-end recognised it.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var weak = context.Schema.Tables
            .SelectMany(t => t.Columns.Select(c => (Table: t, Item: (Column: c, HasDefault: HasDefault(context, t, c)))))
            .Where(x => AuditColumnNames.IsAuditTimestamp(x.Item.Column)
                        && (x.Item.Column.Nullable || !x.Item.HasDefault)
                        && !IsDeliberatelyNullUntilUpdated(context, x.Table, x.Item.Column)
                        && !(AuditColumnNames.IsUpdatedName(x.Item.Column.Name) && x.Item.Column.Nullable && !x.Item.HasDefault));
        foreach (var ((column, hasDefault), tables) in SharedDeclarations.BySpan(weak, x => x.Column.Span))
        {
            var problem = (column.Nullable, hasDefault) switch
            {
                (true, false) => "is nullable and has no default",
                (true, true) => "is nullable",
                _ => "has no default",
            };
            var consequence = hasDefault
                ? "an explicit NULL (or a write that bypasses the default) leaves it empty"
                : "every insert that does not set it explicitly stores NULL or fails";
            var table = tables[0];
            var fix = FixSyntax.For(context, column.Span);
            var name = fix.IsSql ? column.Name : column.Attribute?.Name ?? column.Name;
            var (recommendation, after) = fix.Language switch
            {
                FixLanguage.SqlAlchemy => (hasDefault
                    ? $"Declare `{name}` NOT NULL (`nullable=False`, or `Mapped[datetime]` without `Optional`)."
                    : column.Nullable
                        ? $"Give `{name}` `server_default=func.now()` and declare it NOT NULL."
                        : $"Give `{name}` `server_default=func.now()`.", (string?)null),
                FixLanguage.Drizzle => hasDefault
                    ? ($"Add `.notNull()` to `{name}`.", ".notNull()")
                    : column.Nullable
                        ? ($"Add `.defaultNow().notNull()` to `{name}`.", ".defaultNow().notNull()")
                        : ($"Add `.defaultNow()` to `{name}`.", ".defaultNow()"),
                _ => hasDefault
                    ? ($"Declare `{name}` NOT NULL in a new migration (fill existing NULLs first).", fix.NotNull(table, column))
                    : column.Nullable
                        ? ($"Give `{name}` a default of the current time and declare it NOT NULL in a new migration (fill existing NULLs first).",
                            fix.IsPostgres ? $"{fix.DefaultNow(table, column)}\n{fix.NotNull(table, column)}" : fix.DefaultNow(table, column))
                        : ($"Give `{name}` a default of the current time in a new migration.", fix.DefaultNow(table, column)),
            };
            var finding = Report(column.Span,
                $"Audit timestamp {SharedDeclarations.Name(tables, column.Name)} {problem}: {consequence}.",
                recommendation,
                after: after,
                table: tables[0].Name, column: column.Name, reaches: tables);
            yield return column.Nullable && hasDefault ? finding with { Severity = Severity.Suggestion } : finding;
        }
    }

    public override ConventionPolicy Convention { get; } = new()
    {
        Message = (places, tables) => $"{places} audit timestamps in {tables} tables are nullable or have no default: the project's "
            + "timestamp columns are declared without NOT NULL and a default of the current time.",
        Recommendation = "Declare audit timestamps once, in a shared column helper or mixin, as NOT NULL with a default of the current time, and use it everywhere.",
    };

    // A listener that fills the column counts as its default.
    private static bool HasDefault(RuleContext context, Table table, Column column) =>
        column.ServerDefault is not null || column.ClientDefault is not null || column.IsIdentity
        || context.HasUpdateHook(table.Name, column.Name);

    // `updated_at: Mapped[datetime | None] = mapped_column(onupdate=func.now())`: NULL means "never updated", by design.
    private static bool IsDeliberatelyNullUntilUpdated(RuleContext context, Table table, Column column) =>
        AuditColumnNames.IsUpdatedName(column.Name)
        && column.Attribute?.AnnotationNullable == true
        && (column.OnUpdate is not null || column.ServerOnUpdate is not null || context.HasUpdateHook(table.Name, column.Name));
}
