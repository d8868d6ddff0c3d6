using SchemaAudit.Model;

namespace SchemaAudit.Tests.SqlAlchemy;

public sealed class TableArgsTests
{
    private static readonly Fixture s_f = Fixture.Load("table-args");
    private const string File = "models.py";

    [Fact]
    public void Trailing_dict_sets_schema_and_comment()
    {
        var documents = s_f.Table("documents");
        Assert.Equal("content", documents.SchemaName);
        Assert.Equal("content.documents", documents.QualifiedName);
        Assert.Equal("Uploaded documents", documents.Comment);
    }

    [Fact]
    public void Explicit_indexes_with_options_and_spans()
    {
        var indexes = s_f.Table("documents").Indexes.ToDictionary(i => i.Name!);
        var path = indexes["ix_documents_path"];
        Assert.Equal(["path"], path.Columns);
        Assert.Equal("text_pattern_ops", path.OperatorClasses["path"]);
        Assert.Equal(s_f.LineOf(File, "Index(\"ix_documents_path\""), path.Span.Line);

        var lower = indexes["ix_documents_lower_title"];
        Assert.Equal([true], lower.IsExpression);

        var live = indexes["ix_documents_live"];
        Assert.True(live.IsUnique);
        Assert.Equal(["owner_id", "created_at"], live.Columns); // desc(x) still covers x
        Assert.Equal([false, false], live.IsExpression);
        Assert.Equal("deleted_at IS NULL", live.Where);
        Assert.Equal(IndexOrigin.Explicit, live.Origin);

        Assert.Equal("gin", indexes["ix_documents_body"].Method);
        Assert.True(indexes["ix_documents_body"].NullsNotDistinct);
    }

    [Fact]
    public void Unique_and_check_constraints()
    {
        var documents = s_f.Table("documents");
        var unique = Assert.Single(documents.UniqueConstraints);
        Assert.Equal("uq_documents_owner_slug", unique.Name);
        Assert.Equal(["owner_id", "slug"], unique.Columns);
        Assert.False(unique.FromColumnFlag);
        Assert.Equal(s_f.LineOf(File, "UniqueConstraint(\"owner_id\""), unique.Span.Line);
        var check = Assert.Single(documents.Checks);
        Assert.Equal("length(slug) > 0", check.Expression);
        Assert.Equal("ck_documents_slug", check.Name);
    }

    [Fact]
    public void Composite_primary_key_constraint_and_fk_constraint()
    {
        var versions = s_f.Table("versions");
        Assert.Equal(["document_id", "number"], versions.PrimaryKey!.Columns);
        Assert.False(s_f.Column("versions", "number").Nullable);
        Assert.True(s_f.Column("versions", "number").IsPrimaryKey);
        Assert.True(s_f.Column("versions", "label").Nullable);
        var fk = Assert.Single(versions.ForeignKeys);
        Assert.Equal(["document_id"], fk.Columns);
        Assert.Equal("content.documents", fk.TargetTable);
        Assert.Equal(["id"], fk.TargetColumns);
        Assert.Equal(ReferentialAction.Cascade, fk.OnDelete);
        Assert.Equal(s_f.LineOf(File, "ForeignKeyConstraint([\"document_id\"]"), fk.Span.Line);
    }

    [Fact]
    public void Dict_only_table_args_vote_for_a_dialect()
    {
        Assert.Equal(["key"], s_f.Table("settings").PrimaryKey!.Columns);
        Assert.Equal("postgresql", s_f.Schema.Dialect); // four postgresql_* options against one mysql_* option
    }
}

public sealed class AssociationTableTests
{
    private static readonly Fixture s_f = Fixture.Load("association");

    [Fact]
    public void Link_tables_are_recognised()
    {
        Assert.True(s_f.Table("follows").IsAssociationTable);  // two FKs, no class
        Assert.True(s_f.Table("memberships").IsAssociationTable); // used as secondary
        Assert.False(s_f.Table("audit").IsAssociationTable);
        Assert.False(s_f.Table("people").IsAssociationTable);
        Assert.Null(s_f.Table("follows").PrimaryKey);
        Assert.Equal("social", s_f.Table("memberships").SchemaName);
        Assert.Equal(LogicalType.Int32, s_f.Column("memberships", "club_id").Type); // type from the FK target
    }

    [Fact]
    public void Secondary_by_string_and_by_lambda()
    {
        var clubs = s_f.Relationship("Person", "clubs");
        Assert.Equal("memberships", clubs.Secondary);
        Assert.Equal(RelationshipKind.ManyToMany, clubs.Kind);
        Assert.True(clubs.PassiveDeletes);
        var members = s_f.Relationship("Club", "members");
        Assert.Equal("memberships", members.Secondary);
        Assert.Equal("Person", members.TargetEntity);
        Assert.Equal("Person.id", members.OrderBy);
        Assert.True(members.IsCollection);
    }
}
