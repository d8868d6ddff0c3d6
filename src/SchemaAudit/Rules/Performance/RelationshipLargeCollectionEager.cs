using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>Eager loading of a collection that grows without bound (messages, events, votes): every load drags the whole history along.</summary>
public sealed class RelationshipLargeCollectionEager : Rule
{
    private static readonly FrozenSet<string> s_eagerStrategies =
        new[] { "selectin", "joined", "subquery", "immediate" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "relationship-large-collection-eager",
        Title = "Eager loading of a potentially unbounded collection",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.Medium),
        Why = "`selectin`, `joined`, `subquery` and `immediate` load the whole collection every time the parent is loaded. "
            + "For collections that keep growing (messages in a conversation, events of a device, votes on a poll) the cost of "
            + "loading one parent grows with its history: memory, latency and rows transferred, even where the collection is never used.",
        Fix = "Load large collections on demand: `lazy=\"select\"` or `lazy=\"write_only\"` (SQLAlchemy 2.0) and an explicit, paginated query; "
            + "use `selectinload()` in the few queries that need every row.",
        BadExample = """
            from sqlalchemy import ForeignKey, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


            class Base(DeclarativeBase):
                pass


            class Conversation(Base):
                __tablename__ = "conversations"
                id: Mapped[int] = mapped_column(primary_key=True)
                messages: Mapped[list["Message"]] = relationship(back_populates="conversation", lazy="selectin")


            class Message(Base):
                __tablename__ = "messages"
                id: Mapped[int] = mapped_column(primary_key=True)
                conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
                body: Mapped[str] = mapped_column(String(4000))
                conversation: Mapped["Conversation"] = relationship(back_populates="messages", lazy="joined")
            """,
        GoodExample = """
            from sqlalchemy import ForeignKey, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


            class Base(DeclarativeBase):
                pass


            class Conversation(Base):
                __tablename__ = "conversations"
                id: Mapped[int] = mapped_column(primary_key=True)
                messages: Mapped[list["Message"]] = relationship(back_populates="conversation", lazy="select")
                members: Mapped[list["Member"]] = relationship(back_populates="conversation", lazy="selectin")


            class Member(Base):
                __tablename__ = "conversation_members"
                id: Mapped[int] = mapped_column(primary_key=True)
                conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
                conversation: Mapped["Conversation"] = relationship(back_populates="members", lazy="joined")


            class Message(Base):
                __tablename__ = "messages"
                id: Mapped[int] = mapped_column(primary_key=True)
                conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
                body: Mapped[str] = mapped_column(String(4000))
                conversation: Mapped["Conversation"] = relationship(back_populates="messages", lazy="joined")
            """,
        KnownProblems = "\"Unbounded\" is judged from names (messages, events, logs, votes, comments, notifications, audit…, history, "
            + "entries, records, transactions, calls, readings, metrics, …): a small collection with such a name is reported, "
            + "a large one with another name is missed. A relationship restricted by a `primaryjoin` (e.g. only the latest rows) is not recognised.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!context.HasOrmFacts) yield break;
        foreach (var rel in context.Schema.Relationships)
        {
            if (rel.Lazy is null || !s_eagerStrategies.Contains(rel.Lazy)) continue;
            if (!RelationshipShape.IsCollection(rel) || !RelationshipShape.LooksUnbounded(rel)) continue;

            var owner = rel.OwnerEntity;
            yield return Report(rel.Span,
                $"Relationship `{owner}.{rel.Attribute}` eagerly loads (`lazy=\"{rel.Lazy}\"`) a collection that grows without bound: "
                + $"every `{owner}` loaded brings all of its `{rel.Attribute}`, so the cost of loading one row grows with its history.",
                $"Use `lazy=\"select\"` (or `lazy=\"write_only\"` in SQLAlchemy 2.0) and read `{rel.Attribute}` with a paginated query; "
                + "add `selectinload()` only to the queries that need the full list.",
                table: rel.OwnerTable,
                before: RelationshipShape.Render(rel, rel.Lazy),
                after: RelationshipShape.Render(rel, "select"));
        }
    }
}
