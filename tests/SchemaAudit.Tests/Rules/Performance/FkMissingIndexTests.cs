using SchemaAudit.Model;
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
