using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>A many-to-many relationship whose ORM delete behaviour does not match its link table's ON DELETE.</summary>
public sealed class AssociationCascadeGap : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "association-cascade-gap",
        Title = "Many-to-many delete behaviour split between ORM and database",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.Medium),
        Why = "Two mechanisms can remove link rows when a parent is deleted: the ORM (it loads the collection and deletes the link rows itself) "
            + "and the database (`ON DELETE CASCADE` on the link table). When the link table cascades but the relationship does not say "
            + "`passive_deletes=True`, every ORM delete first loads the whole collection and issues its own DELETEs, and the two paths "
            + "(ORM deletes versus bulk `delete()` statements and raw SQL) behave differently. The reverse is worse: with `passive_deletes=True`, "
            + "or parents that are deleted in bulk, but no `ON DELETE CASCADE` on the link table, deleting a parent fails on the foreign key, "
            + "or leaves orphaned link rows where foreign keys are not enforced (SQLite by default).",
        Fix = "Let the database own the link rows: `ondelete=\"CASCADE\"` on the link table's foreign keys and `passive_deletes=True` on the relationship.",
        BadExample = """
            from sqlalchemy import Column, ForeignKey, Integer, String, Table
            from sqlalchemy.orm import declarative_base, relationship

            Base = declarative_base()

            session_skills = Table(
                "session_skills",
                Base.metadata,
                Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
                Column("skill_id", Integer, ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True),
            )


            class Skill(Base):
                __tablename__ = "skills"
                id = Column(Integer, primary_key=True)
                name = Column(String(100), nullable=False, unique=True)


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                skills = relationship("Skill", secondary=session_skills, lazy="selectin")
            """,
        GoodExample = """
            from sqlalchemy import Column, ForeignKey, Integer, String, Table
            from sqlalchemy.orm import declarative_base, relationship

            Base = declarative_base()

            session_skills = Table(
                "session_skills",
                Base.metadata,
                Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
                Column("skill_id", Integer, ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True),
            )


            class Skill(Base):
                __tablename__ = "skills"
                id = Column(Integer, primary_key=True)
                name = Column(String(100), nullable=False, unique=True)


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                skills = relationship("Skill", secondary=session_skills, lazy="selectin", passive_deletes=True)
            """,
        KnownProblems = "Without `passive_deletes=True`, a link table without ON DELETE CASCADE is reported only when other tables' foreign keys "
            + "to the same parent cascade (evidence that parents are deleted and the database is expected to clean up). "
            + "View-only relationships and secondary tables the audit did not read are skipped.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!context.HasOrmFacts) yield break;
        foreach (var rel in context.Schema.Relationships)
        {
            if (rel.Secondary is not { Length: > 0 } secondaryName || rel.ViewOnly) continue;
            if (context.FindTable(secondaryName) is not { } link) continue;
            var ownerTableName = rel.OwnerTable ?? context.FindEntity(rel.OwnerEntity)?.TableName;
            if (ownerTableName is null || context.FindTable(ownerTableName) is not { } owner) continue;

            var toOwner = link.ForeignKeys.Where(fk => SameTable(context, fk.TargetTable, owner)).ToList();
            if (toOwner.Count == 0) continue;
            var dbCascades = toOwner.TrueForAll(fk => fk.OnDelete == ReferentialAction.Cascade);
            var ormDeletes = rel.Cascade is { } cascade && (cascade.Contains("all", StringComparison.Ordinal) || cascade.Contains("delete", StringComparison.Ordinal));
            var fkSpans = toOwner.Select(fk => fk.Span).ToList();
            var linkColumns = string.Join(", ", toOwner.SelectMany(fk => fk.Columns).Select(c => $"`{link.Name}.{c}`"));

            if (dbCascades && !rel.PassiveDeletes && !ormDeletes)
            {
                yield return Report(rel.Span,
                    $"`{rel.OwnerEntity}.{rel.Attribute}` goes through `{link.Name}`, whose {linkColumns} is ON DELETE CASCADE, but the relationship "
                    + "does not say `passive_deletes=True`: ORM deletes load the collection and delete link rows themselves, bulk deletes rely on the database.",
                    $"Add `passive_deletes=True` to `{rel.Attribute}` so the ORM leaves the link rows of `{link.Name}` to the database's ON DELETE CASCADE.",
                    table: rel.OwnerTable,
                    before: $"{rel.Attribute} = relationship(..., secondary={secondaryName})",
                    after: $"{rel.Attribute} = relationship(..., secondary={secondaryName}, passive_deletes=True)",
                    related: fkSpans);
                continue;
            }

            var anyCascade = toOwner.Exists(fk => fk.OnDelete == ReferentialAction.Cascade);
            if (anyCascade) continue;
            var parentsCascadeElsewhere = context.ForeignKeysTo(owner)
                .Any(x => x.Table != link && x.Fk.OnDelete == ReferentialAction.Cascade);
            if (!rel.PassiveDeletes && !parentsCascadeElsewhere) continue;

            var reason = rel.PassiveDeletes
                ? "the relationship says `passive_deletes=True`, so the ORM leaves the link rows to the database, which does not delete them"
                : $"other tables' foreign keys to `{owner.Name}` cascade, so parents are deleted by the database, which stops at the link table";
            yield return Report(rel.Span,
                $"`{rel.OwnerEntity}.{rel.Attribute}` goes through `{link.Name}`, whose {linkColumns} has no ON DELETE CASCADE, but {reason}: "
                + "deleting a parent fails on the foreign key, or leaves orphaned link rows where foreign keys are not enforced.",
                $"Declare {linkColumns} with `ForeignKey(\"{owner.Name}.…\", ondelete=\"CASCADE\")`"
                + (rel.PassiveDeletes ? "." : $" and add `passive_deletes=True` to `{rel.Attribute}`."),
                table: rel.OwnerTable, related: fkSpans);
        }
    }

    private static bool SameTable(RuleContext context, string targetName, Table table) =>
        context.FindTable(targetName) == table;
}
