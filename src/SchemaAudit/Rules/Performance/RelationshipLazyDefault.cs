using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>
/// Collections with no explicit loading strategy lazy-load on first access: listing N parents and
/// touching the collection costs 1 + N queries. A project-wide habit, so one finding for the project
/// that lists the collections, not one per relationship.
/// </summary>
public sealed class RelationshipLazyDefault : Rule
{
    private const int ListedParents = 100;

    // How many collections the message names before "and N more" (the related locations list them all).
    private const int NamedInMessage = 8;

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "relationship-lazy-default",
        Title = "Relationship with no explicit loading strategy",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Performance,
        Why = "SQLAlchemy's default loading strategy (`lazy=\"select\"`) loads a collection with one query the first time it is touched, per object. "
            + "A list view that shows 100 sessions and their skills issues 1 query for the sessions and 100 more for the skills (N+1); "
            + "`lazy=\"selectin\"` loads the skills of all 100 in one extra query. With async sessions the implicit load raises instead. "
            + "Whether the N+1 happens depends on the queries (a `selectinload()` option fixes it per query), so this is a design "
            + "suggestion for the project as a whole, reported once with the collections it concerns.",
        Fix = "Choose per collection: `lazy=\"selectin\"` for small collections that list views show, or `lazy=\"raise\"` to make every "
            + "implicit load an error and choose per query with `selectinload()`/`joinedload()`. Collections that grow without bound "
            + "(messages, events, logs) are not listed: the default already suits them when they are paginated.",
        BadExample = """
            from sqlalchemy import Column, ForeignKey, Integer, String
            from sqlalchemy.orm import declarative_base, relationship

            Base = declarative_base()


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                title = Column(String(200))
                skills = relationship("Skill", back_populates="session")
                messages = relationship("Message", back_populates="session")


            class Skill(Base):
                __tablename__ = "skills"
                id = Column(Integer, primary_key=True)
                session_id = Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
                session = relationship("Session", back_populates="skills", lazy="joined")


            class Message(Base):
                __tablename__ = "messages"
                id = Column(Integer, primary_key=True)
                session_id = Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
                session = relationship("Session", back_populates="messages", lazy="joined")
            """,
        GoodExample = """
            from sqlalchemy import Column, ForeignKey, Integer, String
            from sqlalchemy.orm import declarative_base, relationship

            Base = declarative_base()


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                title = Column(String(200))
                skills = relationship("Skill", back_populates="session", lazy="selectin")
                messages = relationship("Message", back_populates="session")


            class Skill(Base):
                __tablename__ = "skills"
                id = Column(Integer, primary_key=True)
                session_id = Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
                session = relationship("Session", back_populates="skills", lazy="joined")


            class Message(Base):
                __tablename__ = "messages"
                id = Column(Integer, primary_key=True)
                session_id = Column(Integer, ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
                session = relationship("Session", back_populates="messages", lazy="joined")
            """,
        KnownProblems = "Severity: always a suggestion, one finding per project (at the first collection, the others as related places), "
            + "because the schema cannot show which collections list views touch. Only collections are listed; many-to-one "
            + "relationships, collections named like unbounded histories (messages, events, logs, …) and `viewonly` relationships are left out. "
            + "The inverse created by `backref=` is not seen, nor a strategy chosen per query with loader options.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!context.HasOrmFacts) yield break;
        var collections = context.Schema.Relationships
            .Where(r => r.Lazy is null && !r.ViewOnly && RelationshipShape.IsCollection(r) && !RelationshipShape.LooksUnbounded(r))
            .OrderBy(r => r.Span.Path, StringComparer.Ordinal).ThenBy(r => r.Span.Line).ThenBy(r => r.Attribute, StringComparer.Ordinal)
            .ToList();
        if (collections.Count == 0) yield break;

        var first = collections[0];
        var total = ListedParents + 1;
        var names = string.Join(", ", collections.Take(NamedInMessage).Select(r => $"`{r.OwnerEntity}.{r.Attribute}`"));
        if (collections.Count > NamedInMessage) names += $" and {collections.Count - NamedInMessage} more";
        var count = collections.Count == 1 ? "1 collection has" : $"{collections.Count} collections have";
        var message = $"{count} no explicit loading strategy, so each lazy-loads per parent on first access: {names}. "
            + $"Listing {ListedParents} `{first.OwnerEntity}` rows and touching `{first.Attribute}` issues 1 + {ListedParents} = {total} queries "
            + "(2 with `selectin`).";
        var recommendation = "Decide per collection: `lazy=\"selectin\"` for the small ones that list views show "
            + $"(2 queries for {ListedParents} parents instead of {total}), or `lazy=\"raise\"` so an implicit load fails and each query "
            + "chooses with `selectinload()`.";

        yield return Report(first.Span, message, recommendation,
            table: first.OwnerTable,
            before: RelationshipShape.Render(first, lazy: null),
            after: RelationshipShape.Render(first, "selectin"),
            related: collections.Skip(1).Select(r => r.Span).Where(s => !s.IsNone).ToList());
    }
}
