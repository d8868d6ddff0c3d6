using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>
/// A relationship with no explicit loading strategy lazy-loads on first access: listing N parents
/// and touching the relationship costs 1 + N queries.
/// </summary>
public sealed class RelationshipLazyDefault : Rule
{
    private const int ListedParents = 100;

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "relationship-lazy-default",
        Title = "Relationship with no explicit loading strategy",
        Severity = Severity.Warning,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "SQLAlchemy's default `lazy=\"select\"` loads a relationship with one query the first time it is touched, per object. "
            + "A list view that shows 100 sessions and their skills issues 1 query for the sessions and 100 more for the skills (N+1). "
            + "With async sessions the same access raises instead. Writing the strategy down makes the choice deliberate: "
            + "`selectin` for small collections, `joined` for many-to-one, `select`/`write_only` for collections that grow without bound.",
        Fix = "Set `lazy=` on every relationship: `lazy=\"selectin\"` for small collections (2 queries for any number of parents), "
            + "`lazy=\"joined\"` for many-to-one, `lazy=\"select\"` or `lazy=\"write_only\"` for large collections that you paginate, "
            + "or `lazy=\"raise\"` to forbid implicit loads and choose per query with `selectinload()`.",
        BadExample = """
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
        GoodExample = """
            from sqlalchemy import Column, ForeignKey, Integer, String
            from sqlalchemy.orm import declarative_base, relationship

            Base = declarative_base()


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                title = Column(String(200))
                skills = relationship("Skill", back_populates="session", lazy="selectin")
                messages = relationship("Message", back_populates="session", lazy="select")


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
        KnownProblems = "Only relationships declared with `relationship()` are seen; the inverse created by `backref=` inherits "
            + "the strategy given inside `backref(...)`, which is not read. The query count assumes the relationship is touched "
            + "for every listed row; many-to-one loads are skipped for targets already in the session's identity map.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!context.HasOrmFacts) yield break;
        foreach (var rel in context.Schema.Relationships)
        {
            if (rel.Lazy is not null) continue;

            var owner = rel.OwnerEntity;
            var target = RelationshipShape.TargetName(rel);
            var where = $"Relationship `{owner}.{rel.Attribute}` has no explicit loading strategy, so it lazy-loads on first access";
            var total = ListedParents + 1;
            string message, recommendation, suggested;
            if (RelationshipShape.IsCollection(rel))
            {
                message = $"{where}: listing {ListedParents} `{owner}` rows and touching `{rel.Attribute}` issues 1 + {ListedParents} = {total} queries.";
                if (RelationshipShape.LooksUnbounded(rel))
                {
                    suggested = "select";
                    recommendation = $"`{rel.Attribute}` can grow without bound, so do not load it eagerly: write `lazy=\"select\"` to make the choice explicit "
                        + "(or `lazy=\"write_only\"` with `WriteOnlyMapped[...]` in SQLAlchemy 2.0) and page through it with a query; "
                        + "use `selectinload()` only in the queries that really need every row.";
                }
                else
                {
                    suggested = "selectin";
                    recommendation = $"Add `lazy=\"selectin\"`: the `{rel.Attribute}` of all listed `{owner}` rows then load in one extra query "
                        + $"(2 queries for {ListedParents} rows instead of {total}). Or set `lazy=\"raise\"` and choose per query with `selectinload()`.";
                }
            }
            else
            {
                message = $"{where}: listing {ListedParents} `{owner}` rows and touching `{rel.Attribute}` issues up to 1 + {ListedParents} = {total} queries "
                    + $"(fewer only when the `{target}` rows are already in the session).";
                suggested = "joined";
                recommendation = $"Add `lazy=\"joined\"` (the `{target}` comes with the same query) or `lazy=\"selectin\"` (one extra query for all rows); "
                    + "or set `lazy=\"raise\"` and choose per query with `joinedload()`.";
            }

            yield return Report(rel.Span, message, recommendation,
                table: rel.OwnerTable,
                before: RelationshipShape.Render(rel, lazy: null),
                after: RelationshipShape.Render(rel, suggested));
        }
    }
}
