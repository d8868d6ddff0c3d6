using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Rules.Performance;
using static SchemaAudit.Tests.Rules.ModelBuilder;

namespace SchemaAudit.Tests.Rules.Performance;

public sealed class RelationshipRulesTests
{
    private static Relationship Rel(string owner, string attribute, string target, RelationshipKind kind, string? lazy = null, int line = 10) => new()
    {
        OwnerEntity = owner,
        OwnerTable = owner.ToLowerInvariant() + "s",
        Attribute = attribute,
        TargetEntity = target,
        Kind = kind,
        IsCollection = kind is RelationshipKind.OneToMany or RelationshipKind.ManyToMany,
        Lazy = lazy,
        Span = Line(line),
    };

    private static Schema With(params Relationship[] relationships)
    {
        var schema = Schema();
        schema.Relationships.AddRange(relationships);
        return schema;
    }

    [Fact]
    public void Lazy_default_is_one_suggestion_for_the_project_naming_every_collection_with_the_n_plus_one_estimate()
    {
        var skills = Rel("Session", "skills", "Skill", RelationshipKind.ManyToMany, line: 12);
        skills.Secondary = "session_skills";
        var tags = Rel("Session", "tags", "Tag", RelationshipKind.OneToMany, line: 14);
        var members = Rel("Team", "members", "Member", RelationshipKind.OneToMany, line: 30);

        var finding = Assert.Single(Run(new RelationshipLazyDefault(), With(members, tags, skills)));

        Assert.Equal(Severity.Suggestion, finding.Severity);
        Assert.Equal(12, finding.Span.Line);
        Assert.Contains("3 collections have no explicit loading strategy", finding.Message, StringComparison.Ordinal);
        Assert.Contains("`Session.skills`, `Session.tags`, `Team.members`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("1 + 100 = 101 queries", finding.Message, StringComparison.Ordinal);
        Assert.Equal([14, 30], finding.RelatedSpans.Select(s => s.Line));
        Assert.Equal("skills = relationship(\"Skill\", secondary=session_skills, lazy=\"selectin\")", finding.After);
    }

    [Fact]
    public void Lazy_default_never_advises_what_the_default_already_does()
    {
        // An unbounded history is best left lazy and paginated; a many-to-one is not a collection; viewonly is a read path.
        var viewOnly = Rel("Team", "admins", "Member", RelationshipKind.OneToMany);
        viewOnly.ViewOnly = true;
        var schema = With(
            Rel("Session", "messages", "Message", RelationshipKind.OneToMany),
            Rel("Message", "sender", "User", RelationshipKind.ManyToOne),
            viewOnly);

        Assert.Empty(Run(new RelationshipLazyDefault(), schema));
    }

    [Fact]
    public void Lazy_default_is_silent_for_explicit_strategies_and_for_non_orm_views()
    {
        Assert.Empty(Run(new RelationshipLazyDefault(), With(Rel("Session", "skills", "Skill", RelationshipKind.ManyToMany, lazy: "select"))));

        var live = With(Rel("Session", "skills", "Skill", RelationshipKind.ManyToMany));
        live.SourceKind = SchemaSourceKind.LiveDatabase;
        Assert.Empty(Run(new RelationshipLazyDefault(), live));
    }

    [Theory]
    [InlineData("messages", "Message", "selectin", true)]
    [InlineData("votes", "PollVote", "joined", true)]
    [InlineData("history", "AuditEntry", "subquery", true)]
    [InlineData("entries", "AuditLogEntry", "immediate", true)]
    [InlineData("members", "ConversationMember", "selectin", false)]
    [InlineData("event_types", "EventType", "selectin", false)]
    [InlineData("messages", "Message", "select", false)]
    [InlineData("messages", "Message", "write_only", false)]
    public void Large_collection_eager_fires_only_for_eager_loads_of_unbounded_collections(string attribute, string target, string lazy, bool fires)
    {
        var findings = Run(new RelationshipLargeCollectionEager(), With(Rel("Conversation", attribute, target, RelationshipKind.OneToMany, lazy)));
        Assert.Equal(fires ? 1 : 0, findings.Count);
    }

    [Fact]
    public void Large_collection_eager_ignores_scalars_even_with_an_unbounded_name()
    {
        var rel = Rel("Conversation", "last_message", "Message", RelationshipKind.ManyToOne, "joined");
        Assert.Empty(Run(new RelationshipLargeCollectionEager(), With(rel)));

        var uselistFalse = Rel("Conversation", "messages", "Message", RelationshipKind.OneToMany, "joined");
        uselistFalse.UseList = false;
        Assert.Empty(Run(new RelationshipLargeCollectionEager(), With(uselistFalse)));
    }
}
