using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>An <c>updated_at</c> column that nothing ever updates.</summary>
public sealed class UpdatedAtNeverUpdates : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "updated-at-never-updates",
        Title = "updated_at column with no on-update mechanism",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Why = "A default fills `updated_at` once, at insert. Without an on-update hook (SQLAlchemy `onupdate=`, Drizzle `$onUpdate`), a trigger or an event listener, it keeps the creation "
            + "time forever, while everyone reading it (sync jobs, caches, \"recently edited\" lists, audits) trusts it to say when the row "
            + "last changed. The bug is silent: nothing fails, the data is just wrong.",
        Fix = "Add `onupdate=func.now()` to the column (or keep it current in a `before_update` listener or a database trigger).",
        BadExample = """
            from datetime import datetime

            from sqlalchemy import DateTime, String, func
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Document(Base):
                __tablename__ = "documents"
                id: Mapped[int] = mapped_column(primary_key=True)
                title: Mapped[str] = mapped_column(String(200))
                created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
                updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
            """,
        GoodExample = """
            from datetime import datetime

            from sqlalchemy import DateTime, String, func
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Document(Base):
                __tablename__ = "documents"
                id: Mapped[int] = mapped_column(primary_key=True)
                title: Mapped[str] = mapped_column(String(200))
                created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
                updated_at: Mapped[datetime] = mapped_column(
                    DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
                )
            """,
        SeverityPolicy = "A warning: the column claims to record the last change and does not. Silent when anything maintains it: "
            + "an ORM on-update, a database trigger or `ON UPDATE` (also one found in the migrations when the models are audited), an "
            + "event listener, or application code that sets it to the current time (`row.updated_at = datetime.now(UTC)`, "
            + "`.set({ updatedAt: new Date() })`, `post::updated_at.eq(Utc::now())`). When most tables share the gap, it is one project-level finding.",
        KnownProblems = "Application code counts by the column's or attribute's name, not per table: one update path that sets "
            + "`updated_at` silences the rule for every table with a column of that name. "
            + "Event listeners and triggers count only when the front-end recognised them (`before_update` listeners on the class, "
            + "a mixin or the base; `before_flush` session hooks that assign the column). For SQL DDL, migrations and live databases the rule "
            + "runs only when the source's triggers were read, since a trigger may maintain the column.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        // Outside ORM models, on-update lives in triggers: judge only when the front-end read them.
        if (!context.HasOrmFacts && context.Schema.UpdateHooks.Count == 0) yield break;

        var stale = context.Schema.Tables
            .SelectMany(t => t.Columns.Select(c => (t, c)))
            .Where(x => NeverUpdated(context, x.t, x.c));
        foreach (var (column, tables) in SharedDeclarations.BySpan(stale, c => c.Span))
        {
            var name = column.Attribute?.Name ?? column.Name;
            var table = tables[0];
            var fix = FixSyntax.For(context, column.Span);
            var subject = SharedDeclarations.Name(tables, column.Name);
            switch (fix.Language)
            {
                case FixLanguage.SqlAlchemy:
                    var after = column.Attribute?.Annotation is { } annotation
                        ? $"{name}: {annotation} = mapped_column(..., onupdate=func.now())"
                        : $"{name} = Column(..., onupdate=func.now())";
                    yield return Report(column.Span,
                        $"{subject} is never updated: it has no `onupdate`, no trigger and no listener, so it keeps the insert time forever.",
                        $"Add `onupdate=func.now()` to `{name}` (or maintain it in a `before_update` listener or a trigger).",
                        table: table.Name, column: column.Name, after: after, reaches: tables);
                    break;
                case FixLanguage.Drizzle:
                    yield return Report(column.Span,
                        $"{subject} is never updated: it has no `$onUpdate`, no trigger and no listener, so it keeps the insert time forever.",
                        $"Add `.$onUpdate(() => new Date())` to `{name}` (or maintain it in a database trigger).",
                        table: table.Name, column: column.Name, after: ".$onUpdate(() => new Date())", reaches: tables);
                    break;
                default:
                    yield return Report(column.Span,
                        $"{subject} is never updated: it has no `ON UPDATE`, no trigger and no listener, so it keeps the insert time forever.",
                        $"Maintain `{column.Name}` in the database, in a new migration: "
                        + (fix.IsPostgres || fix.IsSqlite ? "a trigger that sets it on every update." : "`ON UPDATE CURRENT_TIMESTAMP`."),
                        table: table.Name, column: column.Name, after: fix.TouchOnUpdate(table, column), reaches: tables);
                    break;
            }
        }
    }

    public override ConventionPolicy Convention { get; } = new()
    {
        Message = (places, tables) => $"{places} `updated_at`-style columns in {tables} tables are never maintained (no on-update, "
            + "trigger, listener or update code sets them): they keep the insert time forever.",
        Recommendation = "Maintain them in one place: a shared column helper with an on-update (`onupdate=func.now()`, "
            + "`.$onUpdate(() => new Date())`) or one trigger function attached to every table.",
    };

    private static bool NeverUpdated(RuleContext context, Table table, Column column) =>
        column.Type.IsTimestamp() && AuditColumnNames.IsUpdatedName(column.Name)
        && column.OnUpdate is null && column.ServerOnUpdate is null
        && !(column.ServerDefault is { } d && d.Expression.Contains("ON UPDATE", StringComparison.OrdinalIgnoreCase))
        && !context.HasUpdateHook(table.Name, column.Name)
        && !context.Schema.Evidence.WritesTimestamp(column.Name, column.Attribute?.Name);
}
