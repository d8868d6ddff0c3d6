using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary><c>remote_side=[id]</c> where <c>id</c> is Python's builtin function, not the column.</summary>
public sealed class OrmRemoteSideBuiltin : Rule
{
    // Builtins that are also common column names.
    private static readonly HashSet<string> s_builtins = new(StringComparer.Ordinal)
    {
        "id", "type", "hash", "format", "input", "filter", "map", "min", "max", "sum", "len", "object", "property", "vars", "dir", "next", "iter", "open", "range",
    };

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "orm-remote-side-builtin",
        Title = "remote_side names a Python builtin instead of a column",
        Severity = Severity.Critical,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "Inside a class body, a bare `id` names the column only when that body assigned `id` earlier (`id = mapped_column(...)`). "
            + "When the key comes from a base class or a mixin, or is declared further down, `id` is Python's builtin `id()` function. "
            + "`remote_side=[id]` then does not name the primary key: mapper configuration fails, or the self-referential relationship "
            + "is built in the wrong direction.",
        Fix = "Name the column as a string evaluated after mapping: `remote_side=\"Message.id\"` (or `remote_side=lambda: [Message.id]`).",
        BadExample = """
            from typing import Optional

            from sqlalchemy import ForeignKey
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


            class Base(DeclarativeBase):
                pass


            class IdMixin:
                id: Mapped[int] = mapped_column(primary_key=True)


            class Message(IdMixin, Base):
                __tablename__ = "messages"
                reply_to_id: Mapped[Optional[int]] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
                reply_to: Mapped[Optional["Message"]] = relationship(remote_side=[id], foreign_keys=[reply_to_id])
            """,
        GoodExample = """
            from typing import Optional

            from sqlalchemy import ForeignKey
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


            class Base(DeclarativeBase):
                pass


            class IdMixin:
                id: Mapped[int] = mapped_column(primary_key=True)


            class Message(IdMixin, Base):
                __tablename__ = "messages"
                reply_to_id: Mapped[Optional[int]] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
                reply_to: Mapped[Optional["Message"]] = relationship(remote_side="Message.id", foreign_keys=[reply_to_id])
            """,
        KnownProblems = "Relies on the extractor's scope analysis: in a class body where `id = Column(...)` or "
            + "`id: Mapped[int] = mapped_column(...)` precedes the relationship, `remote_side=[id]` names the column and is correct.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!context.HasOrmFacts) yield break;
        foreach (var rel in context.Schema.Relationships)
        {
            if (!rel.RemoteSideNamesBuiltin) continue;

            var elements = rel.RemoteSide.Count > 0 ? rel.RemoteSide : ["id"];
            var builtins = elements.Where(e => s_builtins.Contains(e.Trim())).ToList();
            if (builtins.Count == 0) builtins.Add(elements[0].Trim());
            var fixedElements = elements.Select(e => s_builtins.Contains(e.Trim()) ? $"{rel.OwnerEntity}.{e.Trim()}" : e.Trim()).ToList();
            var after = fixedElements.Count == 1
                ? $"remote_side=\"{fixedElements[0]}\""
                : $"remote_side=\"[{string.Join(", ", fixedElements)}]\"";

            yield return Report(rel.Span,
                $"`{rel.OwnerEntity}.{rel.Attribute}` has `remote_side=[{string.Join(", ", elements)}]`, where `{builtins[0]}` is Python's builtin `{builtins[0]}()`, "
                + $"not the column `{rel.OwnerEntity}.{builtins[0]}`: the self-referential relationship is misconfigured.",
                $"Name the column as a string resolved after mapping: `{after}`.",
                table: rel.OwnerTable,
                before: $"remote_side=[{string.Join(", ", elements)}]",
                after: after);
        }
    }
}
