using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Rules.Integrity;
using static SchemaAudit.Tests.Rules.Integrity.TestModel;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Tests.Rules.Integrity;

public sealed class AssociationCascadeGapTests
{
    private static Schema SessionSkills(ReferentialAction linkOnDelete, bool passiveDeletes, string? cascade = null)
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("sessions", 1, Col("id", pk: true)));
        schema.Tables.Add(Tbl("skills", 5, Col("id", pk: true)));
        var link = Tbl("session_skills", 10, Col("session_id", pk: true), Col("skill_id", pk: true));
        link.IsAssociationTable = true;
        link.ForeignKeys.Add(Fk("session_id", "sessions.id", linkOnDelete, line: 11));
        link.ForeignKeys.Add(Fk("skill_id", "skills.id", linkOnDelete, line: 12));
        schema.Tables.Add(link);
        schema.Entities.Add(Ent("Session", "sessions"));
        schema.Entities.Add(Ent("Skill", "skills"));
        var rel = Rel("Session", "skills", "Skill", 3);
        rel.Secondary = "session_skills";
        rel.Kind = RelationshipKind.ManyToMany;
        rel.PassiveDeletes = passiveDeletes;
        rel.Cascade = cascade;
        schema.Relationships.Add(rel);
        return Link(schema);
    }

    [Fact]
    public void Db_cascade_without_passive_deletes_fires_at_the_relationship()
    {
        var finding = Assert.Single(Run<AssociationCascadeGap>(SessionSkills(ReferentialAction.Cascade, passiveDeletes: false)));
        Assert.Equal(3, finding.Span.Line);
        Assert.Equal([11], finding.RelatedSpans.Select(s => s.Line));
        Assert.Contains("passive_deletes=True", finding.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReferentialAction.Cascade, true, null)]
    [InlineData(ReferentialAction.Cascade, false, "all, delete")]
    [InlineData(ReferentialAction.Unspecified, false, null)] // the ORM deletes link rows; no sign of bulk deletes
    public void Consistent_configurations_are_silent(ReferentialAction onDelete, bool passive, string? cascade) =>
        Assert.Empty(Run<AssociationCascadeGap>(SessionSkills(onDelete, passive, cascade)));

    [Fact]
    public void Passive_deletes_without_db_cascade_fires()
    {
        var finding = Assert.Single(Run<AssociationCascadeGap>(SessionSkills(ReferentialAction.Unspecified, passiveDeletes: true)));
        Assert.Contains("no ON DELETE CASCADE", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_without_cascade_fires_when_the_parent_is_otherwise_deleted_by_the_database()
    {
        var schema = SessionSkills(ReferentialAction.Unspecified, passiveDeletes: false);
        var messages = Tbl("messages", 30, Col("id", pk: true), Col("session_id", nullable: false));
        messages.ForeignKeys.Add(Fk("session_id", "sessions.id", ReferentialAction.Cascade, line: 31));
        schema.Tables.Add(messages);

        Assert.Equal([3], Run<AssociationCascadeGap>(schema).Lines());
    }

    [Fact]
    public void View_only_relationships_are_silent()
    {
        var schema = SessionSkills(ReferentialAction.Cascade, passiveDeletes: false);
        schema.Relationships[0].ViewOnly = true;
        Assert.Empty(Run<AssociationCascadeGap>(schema));
    }
}

public sealed class UniqueNullableColumnTests
{
    private static Schema Projects(Action<Table> configure)
    {
        var schema = new Schema();
        var projects = Tbl("projects", 1, Col("id", pk: true), Col("org_id", nullable: true), Col("slug", LogicalType.Text, nullable: false),
            Col("code", LogicalType.Text, nullable: true));
        configure(projects);
        schema.Tables.Add(projects);
        return schema;
    }

    private static UniqueConstraint Unique(int line, params string[] columns)
    {
        var u = new UniqueConstraint { Span = At(line) };
        u.Columns.AddRange(columns);
        return u;
    }

    private static Index UniqueIndex(int line, string? where, params string[] columns)
    {
        var i = new Index { IsUnique = true, Where = where, Span = At(line) };
        i.Columns.AddRange(columns);
        i.IsExpression.AddRange(columns.Select(_ => false));
        return i;
    }

    [Fact]
    public void Composite_key_with_nullable_column_fires_once_per_key()
    {
        var schema = Projects(t =>
        {
            t.UniqueConstraints.Add(Unique(3, "org_id", "slug"));
            t.Indexes.Add(UniqueIndex(4, null, "slug", "code"));
            t.Indexes.Add(UniqueIndex(5, "code IS NOT NULL", "slug", "code"));
            t.Indexes.Add(UniqueIndex(6, "code.isnot(None)", "org_id", "code"));
        });
        Assert.Equal([3, 4, 6], Run<UniqueNullableColumn>(schema).Lines());
    }

    [Fact]
    public void Single_column_and_nulls_not_distinct_keys_are_silent()
    {
        var schema = Projects(t =>
        {
            t.UniqueConstraints.Add(Unique(3, "code"));
            var nnd = Unique(4, "org_id", "slug");
            nnd.NullsNotDistinct = true;
            t.UniqueConstraints.Add(nnd);
            var index = UniqueIndex(5, null, "org_id", "code");
            index.NullsNotDistinct = true;
            t.Indexes.Add(index);
        });
        Assert.Empty(Run<UniqueNullableColumn>(schema));
    }

    [Fact]
    public void A_key_other_tables_reference_is_a_warning_else_a_suggestion()
    {
        var schema = Projects(t => t.UniqueConstraints.Add(Unique(3, "org_id", "slug")));
        Assert.Equal(Severity.Suggestion, Assert.Single(Run<UniqueNullableColumn>(schema)).Severity);

        var builds = Tbl("builds", 20, Col("id", pk: true, line: 21), Col("project_org_id", line: 22), Col("project_slug", LogicalType.Text, line: 23));
        var fk = new ForeignKey { TargetTable = "projects", Span = At(24) };
        fk.Columns.AddRange(["project_org_id", "project_slug"]);
        fk.TargetColumns.AddRange(["org_id", "slug"]);
        builds.ForeignKeys.Add(fk);
        schema.Tables.Add(builds);
        Assert.Equal(Severity.Warning, Assert.Single(Run<UniqueNullableColumn>(schema)).Severity);
    }
}

public sealed class TableNoPrimaryKeyTests
{
    [Fact]
    public void Keyless_link_table_is_one_warning_covering_its_nullable_key_and_redundant_index()
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("recipes", 1, Col("id", pk: true)));
        schema.Tables.Add(Tbl("tags", 2, Col("id", pk: true)));
        var link = Tbl("recipe_tags", 10, Col("recipe_id", line: 11), Col("tag_id", line: 12));
        link.IsAssociationTable = true;
        link.ForeignKeys.Add(Fk("recipe_id", "recipes.id", line: 11));
        link.ForeignKeys.Add(Fk("tag_id", "tags.id", line: 12));
        var unique = new UniqueConstraint { Name = "recipe_tag_key", Span = At(13) };
        unique.Columns.AddRange(["recipe_id", "tag_id"]);
        link.UniqueConstraints.Add(unique);
        var index = new Index { Span = At(11), Origin = IndexOrigin.ColumnFlag };
        index.Columns.Add("recipe_id");
        link.Indexes.Add(index);
        schema.Tables.Add(link);

        var finding = Assert.Single(Run<TableNoPrimaryKey>(schema));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(10, finding.Span.Line);
        Assert.Equal([13, 11], finding.RelatedSpans.Select(s => s.Line));
        Assert.Contains("nullable", finding.Message, StringComparison.Ordinal);
        Assert.Contains("repeats its leading column", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Promote the unique key to the primary key", finding.Recommendation, StringComparison.Ordinal);
        Assert.Empty(Run<UniqueNullableColumn>(schema));
    }
}

public sealed class LinkTableNoUniqueTests
{
    private static Table Edge(string name, params Column[] extra)
    {
        var table = Tbl(name, 10, [Col("id", pk: true), Col("follower_id", nullable: false), Col("followed_id", nullable: false), .. extra]);
        table.ForeignKeys.Add(Fk("follower_id", "users.id", ReferentialAction.Cascade));
        table.ForeignKeys.Add(Fk("followed_id", "users.id", ReferentialAction.Cascade));
        return table;
    }

    private static List<int> Check(Table table)
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("users", 1, Col("id", pk: true)));
        schema.Tables.Add(table);
        return Run<LinkTableNoUnique>(schema).Lines();
    }

    [Fact]
    public void Edge_with_surrogate_key_only_fires() =>
        Assert.Equal([10], Check(Edge("follows", Col("created_at", LogicalType.TimestampTz))));

    [Fact]
    public void Unique_over_the_pair_or_stricter_is_silent()
    {
        var table = Edge("follows");
        var unique = new UniqueConstraint();
        unique.Columns.AddRange(["follower_id", "followed_id"]);
        table.UniqueConstraints.Add(unique);
        Assert.Empty(Check(table));
    }

    [Fact]
    public void Unique_that_includes_a_non_link_column_does_not_count()
    {
        var table = Edge("follows", Col("created_at", LogicalType.TimestampTz));
        var unique = new UniqueConstraint();
        unique.Columns.AddRange(["follower_id", "followed_id", "created_at"]);
        table.UniqueConstraints.Add(unique);
        Assert.Equal([10], Check(table));
    }

    [Theory]
    [InlineData("direct_messages", "body")]    // payload: an entity, not a link
    [InlineData("profile_views", null)]        // occurrences: duplicates are the data
    public void Entities_and_occurrence_logs_are_silent(string name, string? payload) =>
        Assert.Empty(Check(payload is null ? Edge(name) : Edge(name, Col(payload, LogicalType.Text))));

    [Fact]
    public void Trees_optional_ends_and_denormalised_children_are_entities()
    {
        var tree = Edge("folders");
        tree.ForeignKeys[1] = Fk("followed_id", "folders.id", ReferentialAction.Cascade);
        Assert.Empty(Check(tree));

        var optional = Edge("handoffs");
        optional.FindColumn("followed_id")!.Nullable = true;
        Assert.Empty(Check(optional));

        var denormalised = Edge("parts");
        var composite = new SchemaAudit.Model.ForeignKey { TargetTable = "users", OnDelete = ReferentialAction.Cascade };
        composite.Columns.AddRange(["follower_id", "followed_id"]);
        composite.TargetColumns.AddRange(["id", "org_id"]);
        denormalised.ForeignKeys.Add(composite);
        Assert.Empty(Check(denormalised));
    }

    [Fact]
    public void A_table_that_others_reference_is_an_entity()
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("users", 1, Col("id", pk: true)));
        schema.Tables.Add(Edge("messages"));
        var polls = Tbl("polls", 30, Col("id", pk: true), Col("message_id", nullable: false));
        polls.ForeignKeys.Add(Fk("message_id", "messages.id", ReferentialAction.Cascade));
        schema.Tables.Add(polls);
        Assert.Empty(Run<LinkTableNoUnique>(schema));
    }

    [Fact]
    public void Association_table_with_payload_still_counts()
    {
        var table = Edge("post_tags", Col("position", LogicalType.Int32));
        table.IsAssociationTable = true;
        Assert.Equal([10], Check(table));
    }
}
