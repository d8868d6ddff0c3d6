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
        Why = "A default fills `updated_at` once, at insert. Without `onupdate=`, a trigger or an event listener, it keeps the creation "
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
        KnownProblems = "Event listeners and triggers count only when the front-end recognised them (`before_update` listeners on the class, "
            + "a mixin or the base; `before_flush` session hooks that assign the column). For SQL DDL, migrations and live databases the rule "
            + "runs only when the source's triggers were read, since a trigger may maintain the column.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        // Outside ORM models, on-update lives in triggers: judge only when the front-end read them.
        if (!context.HasOrmFacts && context.Schema.UpdateHooks.Count == 0) yield break;

        foreach (var table in context.Schema.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (!column.Type.IsTimestamp() || !AuditColumnNames.IsUpdatedName(column.Name)) continue;
                if (column.OnUpdate is not null || column.ServerOnUpdate is not null) continue;
                if (column.ServerDefault is { } d && d.Expression.Contains("ON UPDATE", StringComparison.OrdinalIgnoreCase)) continue;
                if (context.HasUpdateHook(table.Name, column.Name)) continue;

                var name = column.Attribute?.Name ?? column.Name;
                var after = column.Attribute?.Annotation is { } annotation
                    ? $"{name}: {annotation} = mapped_column(..., onupdate=func.now())"
                    : $"{name} = Column(..., onupdate=func.now())";
                yield return Report(column.Span,
                    $"`{table.Name}.{column.Name}` is never updated: it has no `onupdate`, no trigger and no listener, so it keeps the insert time forever.",
                    $"Add `onupdate=func.now()` to `{name}` (or maintain it in a `before_update` listener or a trigger).",
                    table: table.Name, column: column.Name, after: context.HasOrmFacts ? after : null);
            }
        }
    }
}
