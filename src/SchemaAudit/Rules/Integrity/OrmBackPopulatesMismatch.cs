using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary><c>back_populates</c> naming an attribute that does not exist on the target, or a pair that does not point back.</summary>
public sealed class OrmBackPopulatesMismatch : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "orm-back-populates-mismatch",
        Title = "back_populates does not match the other side",
        Severity = Severity.Critical,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "`back_populates` links two relationships so that changing one side updates the other in memory. If the named attribute "
            + "does not exist on the target class, mapper configuration raises `InvalidRequestError` on first use. If it exists but does "
            + "not point back, the two sides silently disagree: appending a child to `parent.children` leaves `child.parent` unset "
            + "until a reload, and SQLAlchemy warns about relationships that overlap the same foreign key.",
        Fix = "Name the inverse attribute exactly as declared on the target class, and declare `back_populates` on both sides, each naming the other.",
        BadExample = """
            from sqlalchemy import ForeignKey
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


            class Base(DeclarativeBase):
                pass


            class Author(Base):
                __tablename__ = "authors"
                id: Mapped[int] = mapped_column(primary_key=True)
                books: Mapped[list["Book"]] = relationship(back_populates="writer")


            class Book(Base):
                __tablename__ = "books"
                id: Mapped[int] = mapped_column(primary_key=True)
                author_id: Mapped[int] = mapped_column(ForeignKey("authors.id", ondelete="CASCADE"))
                author: Mapped["Author"] = relationship(back_populates="books")
            """,
        GoodExample = """
            from sqlalchemy import ForeignKey
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


            class Base(DeclarativeBase):
                pass


            class Author(Base):
                __tablename__ = "authors"
                id: Mapped[int] = mapped_column(primary_key=True)
                books: Mapped[list["Book"]] = relationship(back_populates="author")


            class Book(Base):
                __tablename__ = "books"
                id: Mapped[int] = mapped_column(primary_key=True)
                author_id: Mapped[int] = mapped_column(ForeignKey("authors.id", ondelete="CASCADE"))
                author: Mapped["Author"] = relationship(back_populates="books")
            """,
        KnownProblems = "Silent when the target class is unknown (see `fk-target-missing`) or inherits from a class the audit did not read. "
            + "When one side names a missing attribute, only that side is reported, not the other side that consequently does not match.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!context.HasOrmFacts) yield break;

        // Attributes created on a class by `backref=` elsewhere: (target class, attribute).
        var backrefs = new HashSet<(string, string)>();
        foreach (var rel in context.Schema.Relationships)
        {
            if (rel is { Backref: { } name, TargetEntity: { } target }) backrefs.Add((EntityHierarchy.SimpleName(target), name));
        }

        foreach (var rel in context.Schema.Relationships)
        {
            if (rel.BackPopulates is not { Length: > 0 } inverseName || rel.TargetEntity is null) continue;
            if (context.FindEntity(EntityHierarchy.SimpleName(rel.TargetEntity)) is not { } target) continue;
            if (EntityHierarchy.HasUnknownAncestor(context, target)) continue;

            var inverse = FindRelationship(context, target, inverseName);
            if (inverse is null)
            {
                if (HasAttribute(context, target, inverseName, backrefs)) continue; // exists, but not as a relationship we can read
                var candidates = CandidatesPointingAt(context, target, rel.OwnerEntity);
                yield return Report(rel.Span,
                    $"`{rel.OwnerEntity}.{rel.Attribute}` has `back_populates=\"{inverseName}\"`, but `{target.Name}` has no attribute `{inverseName}`: "
                    + "mapper configuration fails on first use.",
                    candidates.Count == 1
                        ? $"Use `back_populates=\"{candidates[0]}\"`, the relationship on `{target.Name}` that points back to `{rel.OwnerEntity}`."
                        : $"Name the relationship on `{target.Name}` that points back to `{rel.OwnerEntity}`, or declare it.",
                    table: rel.OwnerTable,
                    before: candidates.Count == 1 ? $"back_populates=\"{inverseName}\"" : null,
                    after: candidates.Count == 1 ? $"back_populates=\"{candidates[0]}\"" : null);
                continue;
            }
            if (inverse.ViewOnly || rel.ViewOnly) continue;

            var owner = context.FindEntity(rel.OwnerEntity);
            if (inverse.BackPopulates is null)
            {
                if (inverse.Backref is not null) continue; // a backref pair is reported by SQLAlchemy itself, not a silent disagreement
                yield return Report(rel.Span,
                    $"`{rel.OwnerEntity}.{rel.Attribute}` has `back_populates=\"{inverseName}\"`, but `{target.Name}.{inverseName}` declares no `back_populates`: "
                    + "the pair is one-sided, so changes through one side are not reflected on the other.",
                    $"Add `back_populates=\"{rel.Attribute}\"` to `{target.Name}.{inverseName}`.",
                    table: rel.OwnerTable, related: [inverse.Span]);
                continue;
            }

            if (inverse.BackPopulates != rel.Attribute)
            {
                // When the inverse names an attribute that does not exist, that side is the one reported.
                if (owner is null || (FindRelationship(context, owner, inverse.BackPopulates) is null
                    && !HasAttribute(context, owner, inverse.BackPopulates, backrefs))) continue;
                yield return Report(rel.Span,
                    $"`{rel.OwnerEntity}.{rel.Attribute}` has `back_populates=\"{inverseName}\"`, but `{target.Name}.{inverseName}` points back to "
                    + $"`{rel.OwnerEntity}.{inverse.BackPopulates}` instead: the two sides do not form a pair.",
                    $"Make `{target.Name}.{inverseName}` declare `back_populates=\"{rel.Attribute}\"`, or point `{rel.OwnerEntity}.{rel.Attribute}` at the attribute that pairs with it.",
                    table: rel.OwnerTable, related: [inverse.Span]);
                continue;
            }

            if (owner is not null && inverse.TargetEntity is { } inverseTarget
                && context.FindEntity(EntityHierarchy.SimpleName(inverseTarget)) is { } inverseTargetEntity
                && !EntityHierarchy.IsSelfOrAncestor(context, owner, inverseTargetEntity.Name)
                && !EntityHierarchy.IsSelfOrAncestor(context, inverseTargetEntity, owner.Name)
                // When the inverse's own back_populates is missing on its (wrong) target, that side is the one reported.
                && (FindRelationship(context, inverseTargetEntity, rel.Attribute) is not null
                    || HasAttribute(context, inverseTargetEntity, rel.Attribute, backrefs)))
            {
                yield return Report(rel.Span,
                    $"`{rel.OwnerEntity}.{rel.Attribute}` pairs with `{target.Name}.{inverseName}`, but that relationship targets `{inverseTargetEntity.Name}`, not `{rel.OwnerEntity}`.",
                    $"Point `{target.Name}.{inverseName}` at `{rel.OwnerEntity}`, or pair `{rel.OwnerEntity}.{rel.Attribute}` with the relationship that does.",
                    table: rel.OwnerTable, related: [inverse.Span]);
            }
        }
    }

    private static Relationship? FindRelationship(RuleContext context, Entity entity, string attribute)
    {
        foreach (var e in EntityHierarchy.SelfAndAncestors(context, entity))
        {
            foreach (var r in context.RelationshipsOf(e.Name))
            {
                if (r.Attribute == attribute) return r;
            }
        }
        return null;
    }

    private static bool HasAttribute(RuleContext context, Entity entity, string attribute, HashSet<(string, string)> backrefs) =>
        EntityHierarchy.SelfAndAncestors(context, entity).Any(e => e.AttributeNames.Contains(attribute) || backrefs.Contains((e.Name, attribute)));

    // Relationships on `target` that point at `ownerName`: the likely intended inverse.
    private static List<string> CandidatesPointingAt(RuleContext context, Entity target, string ownerName) =>
        [.. EntityHierarchy.SelfAndAncestors(context, target)
            .SelectMany(e => context.RelationshipsOf(e.Name))
            .Where(r => r.TargetEntity is { } t && EntityHierarchy.SimpleName(t) == ownerName)
            .Select(r => r.Attribute)
            .Distinct(StringComparer.Ordinal)];
}
