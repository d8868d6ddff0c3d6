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
    public void Lazy_default_estimates_the_n_plus_one_for_a_small_collection_and_suggests_selectin()
    {
        var rel = Rel("Session", "skills", "Skill", RelationshipKind.ManyToMany);
        rel.Secondary = "session_skills";

        var finding = Assert.Single(Run(new RelationshipLazyDefault(), With(rel)));

        Assert.Contains("listing 100 `Session` rows and touching `skills` issues 1 + 100 = 101 queries", finding.Message, StringComparison.Ordinal);
        Assert.Equal(10, finding.Span.Line);
        Assert.Equal("skills = relationship(\"Skill\", secondary=session_skills)", finding.Before);
        Assert.Equal("skills = relationship(\"Skill\", secondary=session_skills, lazy=\"selectin\")", finding.After);
    }

    [Fact]
    public void Lazy_default_suggests_select_for_an_unbounded_collection()
    {
        var finding = Assert.Single(Run(new RelationshipLazyDefault(), With(Rel("Session", "messages", "Message", RelationshipKind.OneToMany))));

        Assert.EndsWith("lazy=\"select\")", finding.After, StringComparison.Ordinal);
        Assert.Contains("write_only", finding.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Lazy_default_phrases_many_to_one_as_an_upper_bound()
    {
        var finding = Assert.Single(Run(new RelationshipLazyDefault(), With(Rel("Message", "sender", "User", RelationshipKind.ManyToOne))));

        Assert.Contains("up to 1 + 100 = 101 queries", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("lazy=\"joined\")", finding.After, StringComparison.Ordinal);
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
