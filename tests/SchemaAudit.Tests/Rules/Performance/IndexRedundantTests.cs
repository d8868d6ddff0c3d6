using SchemaAudit.Model;
using SchemaAudit.Rules.Performance;
using static SchemaAudit.Tests.Rules.ModelBuilder;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Tests.Rules.Performance;

public sealed class IndexRedundantTests
{
    private static Table Users() =>
        Table("users", 1, Col("id", LogicalType.Uuid, 2), Col("tms_user_id", LogicalType.Text, 3), Col("email", LogicalType.Text, 4)).WithPrimaryKey("id");

    private static Index FlagIndex(string column, int line, bool unique = false)
    {
        var index = Idx(null, line, column);
        index.Origin = IndexOrigin.ColumnFlag;
        index.IsUnique = unique;
        return index;
    }

    private static UniqueConstraint FlagUnique(string column, int line)
    {
        var uc = Unique(null, line, column);
        uc.FromColumnFlag = true;
        return uc;
    }

    [Fact]
    public void Reference_case_reports_only_the_explicit_index_whatever_the_flag_modelling()
    {
        // unique=True, index=True modelled as a unique constraint plus a column-flag index (one physical index) ...
        var users = Users();
        users.UniqueConstraints.Add(FlagUnique("tms_user_id", 3));
        users.Indexes.Add(FlagIndex("tms_user_id", 3));
        users.Indexes.Add(Idx("idx_users_tms_user_id", 7, "tms_user_id"));

        var finding = Assert.Single(Run(new IndexRedundant(), Schema(users)));
        Assert.Equal(7, finding.Span.Line);
        Assert.Contains("`unique=True, index=True` on `tms_user_id`", finding.Message, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(finding.RelatedSpans).Line);

        // ... or as a single unique column-flag index.
        var other = Users();
        other.Indexes.Add(FlagIndex("tms_user_id", 3, unique: true));
        other.Indexes.Add(Idx("idx_users_tms_user_id", 7, "tms_user_id"));
        Assert.Equal(7, Assert.Single(Run(new IndexRedundant(), Schema(other))).Span.Line);
    }

    [Fact]
    public void The_shorter_prefix_is_reported_not_the_longer_index()
    {
        var users = Users();
        users.Indexes.Add(Idx("ix_long", 5, "email", "tms_user_id"));
        users.Indexes.Add(Idx("ix_short", 6, "email"));

        var finding = Assert.Single(Run(new IndexRedundant(), Schema(users)));
        Assert.Equal(6, finding.Span.Line);
        Assert.Contains("leading prefix of index `ix_long` (email, tms_user_id)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_identical_explicit_indexes_report_the_later_one_once()
    {
        var users = Users();
        users.Indexes.Add(Idx("ix_b", 9, "email"));
        users.Indexes.Add(Idx("ix_a", 8, "email"));

        var finding = Assert.Single(Run(new IndexRedundant(), Schema(users)));
        Assert.Equal(9, finding.Span.Line);
    }

    [Fact]
    public void A_unique_index_is_not_redundant_next_to_a_longer_or_non_unique_one()
    {
        var users = Users();
        var unique = Idx("uq_email", 5, "email");
        unique.IsUnique = true;
        users.Indexes.Add(unique);
        users.Indexes.Add(Idx("ix_email_tms", 6, "email", "tms_user_id"));

        Assert.Empty(Run(new IndexRedundant(), Schema(users)));
    }

    [Fact]
    public void A_non_unique_index_is_redundant_next_to_a_longer_unique_constraint()
    {
        var users = Users();
        users.UniqueConstraints.Add(Unique("uq_email_tms", 5, "email", "tms_user_id"));
        users.Indexes.Add(FlagIndex("email", 4));

        var finding = Assert.Single(Run(new IndexRedundant(), Schema(users)));
        Assert.Equal(4, finding.Span.Line);
        Assert.Contains("Remove `index=True`", finding.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Method_predicate_operator_class_and_column_order_keep_indexes_apart()
    {
        var users = Users();
        users.Indexes.Add(Idx("ix_email", 5, "email"));
        var partial = Idx("ix_email_live", 6, "email");
        partial.Where = "deleted_at IS NULL";
        var hash = Idx("ix_email_hash", 7, "email");
        hash.Method = "hash";
        var pattern = Idx("ix_email_pattern", 8, "email");
        pattern.OperatorClasses["email"] = "text_pattern_ops";
        users.Indexes.AddRange([partial, hash, pattern, Idx("ix_tms_email", 9, "tms_user_id", "email")]);

        Assert.Empty(Run(new IndexRedundant(), Schema(users)));
    }

    [Fact]
    public void An_index_on_the_primary_key_columns_is_redundant()
    {
        var users = Users();
        users.Indexes.Add(Idx("ix_users_id", 5, "id"));

        var finding = Assert.Single(Run(new IndexRedundant(), Schema(users)));
        Assert.Contains("the primary key (id)", finding.Message, StringComparison.Ordinal);
    }
}
