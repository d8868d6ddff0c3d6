using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Rules;
using SchemaAudit.Rules.Performance;
using static SchemaAudit.Tests.Rules.ModelBuilder;

namespace SchemaAudit.Tests.Rules.Performance;

public sealed class FkMissingIndexTests
{
    private static Table Messages(params ForeignKey[] fks)
    {
        var table = Table("messages", 1, Col("id", LogicalType.Int64, 2), Col("conversation_id", LogicalType.Int64, 3),
            Col("sender_id", LogicalType.Int64, 4), Col("created_at", LogicalType.TimestampTz, 5)).WithPrimaryKey("id");
        table.ForeignKeys.AddRange(fks);
        return table;
    }

    [Fact]
    public void Reports_an_unindexed_fk_at_its_column()
    {
        var table = Messages(Fk("users", 4, ["sender_id"]));

        var finding = Assert.Single(Run(new FkMissingIndex(), Schema(table)));

        Assert.Equal(4, finding.Span.Line);
        Assert.Equal("sender_id", finding.ColumnName);
        Assert.Contains("`messages.sender_id`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("index=True", finding.After, StringComparison.Ordinal);
    }

    [Fact]
    public void A_composite_index_covers_only_its_leading_columns()
    {
        var table = Messages(Fk("conversations", 3, ["conversation_id"]), Fk("users", 4, ["sender_id"]));
        table.Indexes.Add(Idx("ix_conv_sender", 10, "conversation_id", "created_at", "sender_id"));

        var finding = Assert.Single(Run(new FkMissingIndex(), Schema(table)));

        Assert.Equal("sender_id", finding.ColumnName);
    }

    [Fact]
    public void A_composite_fk_is_covered_by_its_columns_in_any_order_but_not_by_a_gap()
    {
        var covered = Messages(Fk("shifts", 8, ["conversation_id", "sender_id"], ["site_id", "shift_no"]));
        covered.Indexes.Add(Idx("ix", 10, "sender_id", "conversation_id", "id"));
        Assert.Empty(Run(new FkMissingIndex(), Schema(covered)));

        var gap = Messages(Fk("shifts", 8, ["conversation_id", "sender_id"], ["site_id", "shift_no"]));
        gap.Indexes.Add(Idx("ix", 10, "conversation_id", "created_at", "sender_id"));
        var finding = Assert.Single(Run(new FkMissingIndex(), Schema(gap)));
        Assert.Equal(8, finding.Span.Line);
        Assert.Null(finding.ColumnName);
    }

    [Fact]
    public void Primary_keys_and_unique_constraints_count_as_indexes()
    {
        var link = Table("post_tags", 1, Col("post_id", LogicalType.Int64, 2), Col("tag_id", LogicalType.Int64, 3)).WithPrimaryKey("post_id", "tag_id");
        link.ForeignKeys.Add(Fk("posts", 2, ["post_id"]));
        link.ForeignKeys.Add(Fk("tags", 3, ["tag_id"]));

        var finding = Assert.Single(Run(new FkMissingIndex(), Schema(link)));
        Assert.Equal("tag_id", finding.ColumnName);

        link.UniqueConstraints.Add(Unique("uq", 5, "tag_id", "post_id"));
        Assert.Empty(Run(new FkMissingIndex(), Schema(link)));
    }

    [Theory]
    [InlineData("sender_id IS NOT NULL", true)]
    [InlineData("(\"sender_id\" IS NOT NULL)", true)]
    [InlineData("deleted_at IS NULL", false)]
    [InlineData("sender_id IS NOT NULL AND deleted_at IS NULL", false)]
    [InlineData("conversation_id IS NOT NULL", false)]
    public void A_partial_index_covers_only_when_its_predicate_just_drops_null_keys(string predicate, bool covers)
    {
        var table = Messages(Fk("users", 4, ["sender_id"]));
        var partial = Idx("ix_partial", 10, "sender_id");
        partial.Where = predicate;
        table.Indexes.Add(partial);

        Assert.Equal(covers ? 0 : 1, Run(new FkMissingIndex(), Schema(table)).Count);
    }

    [Fact]
    public void An_index_created_in_another_view_of_the_same_table_counts()
    {
        var model = Messages(Fk("conversations", 3, ["conversation_id"]), Fk("users", 4, ["sender_id"]));
        var migrated = Messages(Fk("conversations", 3, ["conversation_id"]), Fk("users", 4, ["sender_id"]));
        migrated.Indexes.Add(Idx("ix_messages_sender_id", 20, "sender_id"));
        var migrations = Schema(migrated);
        migrations.SourceKind = SchemaSourceKind.Migrations;

        var findings = new FkMissingIndex().Check(new RuleContext(Schema(model), [migrations])).ToList();

        Assert.Equal("conversation_id", Assert.Single(findings).ColumnName);
    }

    [Fact]
    public void Warning_when_parent_deletes_reach_the_table_or_the_parent_lists_its_rows_else_suggestion()
    {
        var users = Table("users", 30, Col("id", LogicalType.Int64, 31), Col("email", line: 32), Col("name", line: 33), Col("bio", line: 34))
            .WithPrimaryKey("id");

        Severity SeverityFor(ReferentialAction onDelete, string childName = "messages", Relationship? parentCollection = null)
        {
            var child = Table(childName, 1, Col("id", LogicalType.Int64, 2), Col("sender_id", LogicalType.Int64, 4)).WithPrimaryKey("id");
            child.ForeignKeys.Add(Fk("users", 4, ["sender_id"], onDelete: onDelete));
            var schema = Schema(child, users);
            if (parentCollection is not null)
            {
                users.Entity = new Entity { Name = "User", TableName = "users" };
                schema.Entities.Add(users.Entity);
                schema.Relationships.Add(parentCollection);
            }
            return Assert.Single(Run(new FkMissingIndex(), schema)).Severity;
        }

        Assert.Equal(Severity.Warning, SeverityFor(ReferentialAction.Cascade));
        Assert.Equal(Severity.Warning, SeverityFor(ReferentialAction.SetNull));
        Assert.Equal(Severity.Suggestion, SeverityFor(ReferentialAction.Unspecified));
        Assert.Equal(Severity.Warning, SeverityFor(ReferentialAction.Unspecified, childName: "audit_events"));
        var collection = new Relationship
        {
            OwnerEntity = "User", OwnerTable = "users", Attribute = "messages", TargetTable = "messages",
            Kind = RelationshipKind.OneToMany, IsCollection = true,
        };
        Assert.Equal(Severity.Warning, SeverityFor(ReferentialAction.Unspecified, parentCollection: collection));
    }

    [Fact]
    public void A_lookup_parent_is_a_suggestion_even_with_a_cascade()
    {
        var types = Table("incident_type", 30, Col("id", LogicalType.Int64, 31), Col("name", line: 32), Col("description", line: 33),
            Col("color", line: 34)).WithPrimaryKey("id");
        var incidents = Table("incidents", 1, Col("id", LogicalType.Int64, 2), Col("incident_type_id", LogicalType.Int64, 3)).WithPrimaryKey("id");
        incidents.ForeignKeys.Add(Fk("incident_type", 3, ["incident_type_id"]));

        Assert.Equal(Severity.Suggestion, Assert.Single(Run(new FkMissingIndex(), Schema(incidents, types))).Severity);
    }

    [Fact]
    public void Partial_and_gin_indexes_do_not_cover()
    {
        var table = Messages(Fk("users", 4, ["sender_id"]));
        var partial = Idx("ix_partial", 10, "sender_id");
        partial.Where = "deleted_at IS NULL";
        var gin = Idx("ix_gin", 11, "sender_id");
        gin.Method = "gin";
        table.Indexes.AddRange([partial, gin]);

        Assert.Single(Run(new FkMissingIndex(), Schema(table)));
    }

    [Fact]
    public void Silent_on_mysql_and_for_ef_core_sources()
    {
        var mysql = Schema(Messages(Fk("users", 4, ["sender_id"])));
        mysql.Dialect = "mysql";
        Assert.Empty(Run(new FkMissingIndex(), mysql));

        var efTable = Messages();
        var efFk = Fk("users", 4, ["sender_id"]);
        efFk.Span = SourceSpan.At("Data/AppDbContext.cs", 40, 9);
        efTable.ForeignKeys.Add(efFk);
        Assert.Empty(Run(new FkMissingIndex(), Schema(efTable)));
    }
}
