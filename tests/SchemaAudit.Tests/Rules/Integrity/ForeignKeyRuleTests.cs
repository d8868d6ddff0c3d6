using SchemaAudit.Model;
using SchemaAudit.Rules.Integrity;
using static SchemaAudit.Tests.Rules.Integrity.TestModel;

namespace SchemaAudit.Tests.Rules.Integrity;

public sealed class FkSetNullNotNullTests
{
    [Fact]
    public void Fires_on_set_null_over_not_null_column_and_not_over_nullable_one()
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("users", 1, Col("id", pk: true)));
        var posts = Tbl("posts", 5, Col("id", pk: true), Col("author_id", nullable: false, line: 7), Col("editor_id", nullable: true, line: 8));
        posts.ForeignKeys.Add(Fk("author_id", "users.id", ReferentialAction.SetNull, line: 7));
        posts.ForeignKeys.Add(Fk("editor_id", "users.id", ReferentialAction.SetNull, line: 8));
        posts.ForeignKeys.Add(Fk("author_id", "users.id", ReferentialAction.Cascade, line: 9));
        schema.Tables.Add(posts);

        var findings = Run<FkSetNullNotNull>(schema);

        Assert.Equal([7], findings.Lines());
        Assert.Contains("`author_id` is NOT NULL", findings[0].Message, StringComparison.Ordinal);
        Assert.Equal("author_id", findings[0].ColumnName);
    }

    [Fact]
    public void Fires_on_update_set_null_too()
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("users", 1, Col("id", pk: true)));
        var posts = Tbl("posts", 5, Col("id", pk: true), Col("author_id", nullable: false, line: 7));
        var fk = Fk("author_id", "users.id", ReferentialAction.Cascade, line: 7);
        fk.OnUpdate = ReferentialAction.SetNull;
        posts.ForeignKeys.Add(fk);
        schema.Tables.Add(posts);

        var finding = Assert.Single(Run<FkSetNullNotNull>(schema));
        Assert.Contains("ON UPDATE SET NULL", finding.Message, StringComparison.Ordinal);
    }
}

public sealed class FkOnDeleteUnspecifiedTests
{
    [Fact]
    public void Fires_once_per_unspecified_fk()
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("projects", 1, Col("id", pk: true)));
        var tasks = Tbl("tasks", 5, Col("id", pk: true), Col("project_id", line: 7), Col("owner_id", line: 8));
        tasks.ForeignKeys.Add(Fk("project_id", "projects.id", line: 7));
        tasks.ForeignKeys.Add(Fk("owner_id", "projects.id", ReferentialAction.NoAction, line: 8));
        schema.Tables.Add(tasks);

        Assert.Equal([7], Run<FkOnDeleteUnspecified>(schema).Lines());
    }

    [Fact]
    public void Joined_inheritance_key_is_not_reported()
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("tasks", 1, Col("id", pk: true)));
        var bugs = Tbl("bugs", 5, Col("id", pk: true, line: 7));
        bugs.ForeignKeys.Add(Fk("id", "tasks.id", line: 7));
        schema.Tables.Add(bugs);
        schema.Entities.Add(Ent("Task", "tasks"));
        schema.Entities.Add(Ent("Bug", "bugs", "Task"));
        Link(schema);

        Assert.Empty(Run<FkOnDeleteUnspecified>(schema));
    }

    [Fact]
    public void A_primary_key_fk_to_an_unrelated_table_is_still_reported()
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("users", 1, Col("id", pk: true)));
        var profiles = Tbl("profiles", 5, Col("user_id", pk: true, line: 7));
        profiles.ForeignKeys.Add(Fk("user_id", "users.id", line: 7));
        schema.Tables.Add(profiles);
        schema.Entities.Add(Ent("User", "users"));
        schema.Entities.Add(Ent("Profile", "profiles"));
        Link(schema);

        Assert.Equal([7], Run<FkOnDeleteUnspecified>(schema).Lines());
    }
}

public sealed class FkTargetMissingTests
{
    private static Schema Posts(string target, out Table posts)
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("users", 1, Col("id", pk: true)));
        posts = Tbl("posts", 5, Col("id", pk: true), Col("author_id", line: 7));
        posts.ForeignKeys.Add(Fk("author_id", target, ReferentialAction.Cascade, line: 7));
        schema.Tables.Add(posts);
        return schema;
    }

    [Theory]
    [InlineData("user.id", "table `user`")]
    [InlineData("users.uuid", "column `users.uuid`")]
    public void Fires_on_unknown_table_or_column(string target, string expected)
    {
        var finding = Assert.Single(Run<FkTargetMissing>(Posts(target, out _)));
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.Equal(7, finding.Span.Line);
    }

    [Theory]
    [InlineData("users.id")]
    [InlineData("public.users.id")]
    [InlineData("auth.users.id")]      // another schema: managed elsewhere
    [InlineData("auth.accounts.id")]
    public void Silent_for_defined_or_external_targets(string target) =>
        Assert.Empty(Run<FkTargetMissing>(Posts(target, out _)));

    [Fact]
    public void Silent_while_a_model_file_could_not_be_read()
    {
        var schema = Posts("user.id", out _);
        schema.Diagnostics.Add(new Diagnostic(At(3), "expected ':'"));
        Assert.Empty(Run<FkTargetMissing>(schema));
    }

    [Fact]
    public void Missing_column_is_not_reported_when_the_target_inherits_from_an_unread_mixin()
    {
        var schema = Posts("users.uuid", out _);
        schema.Entities.Add(Ent("User", "users", "Base", "ExternalUuidMixin"));
        Link(schema);
        Assert.Empty(Run<FkTargetMissing>(schema));
    }

    [Fact]
    public void Fires_on_relationship_to_unknown_class_only()
    {
        var schema = Posts("users.id", out _);
        schema.Entities.Add(Ent("User", "users"));
        schema.Entities.Add(Ent("Post", "posts"));
        schema.Relationships.Add(Rel("Post", "author", "User", 10));
        schema.Relationships.Add(Rel("Post", "publisher", "Publisher", 11));
        schema.Relationships.Add(Rel("Post", "unknown", null, 12));
        var unresolved = Rel("Post", "vendor", null, 13);
        unresolved.TargetAsWritten = "\"Vendor\"";
        schema.Relationships.Add(unresolved);
        var expression = Rel("Post", "sponsor", null, 14);
        expression.TargetAsWritten = "lambda: Sponsor";
        schema.Relationships.Add(expression);
        var resolvedByModule = Rel("Post", "owner", null, 15);
        resolvedByModule.TargetAsWritten = "models.User";
        schema.Relationships.Add(resolvedByModule);
        Link(schema);

        var findings = Run<FkTargetMissing>(schema);
        Assert.Equal([11, 13], findings.Lines());
        Assert.Contains("`Publisher`", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("`Vendor`", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_for_relationships_outside_orm_models()
    {
        var schema = Posts("users.id", out _);
        schema.SourceKind = SchemaSourceKind.SqlDdl;
        schema.Entities.Add(Ent("Post", "posts"));
        schema.Relationships.Add(Rel("Post", "publisher", "Publisher", 11));
        Assert.Empty(Run<FkTargetMissing>(schema));
    }
}

public sealed class FkTypeMismatchTests
{
    [Theory]
    [InlineData(LogicalType.Int32, LogicalType.Int64, true)]
    [InlineData(LogicalType.Text, LogicalType.Uuid, true)]
    [InlineData(LogicalType.Int64, LogicalType.Int64, false)]
    [InlineData(LogicalType.Unknown, LogicalType.Int64, false)]
    [InlineData(LogicalType.Uuid, LogicalType.Unknown, false)]
    public void Compares_logical_types(LogicalType local, LogicalType remote, bool fires)
    {
        var schema = new Schema();
        schema.Tables.Add(Tbl("accounts", 1, Col("id", remote, pk: true)));
        var invoices = Tbl("invoices", 5, Col("id", LogicalType.Int64, pk: true), Col("account_id", local, line: 7));
        invoices.ForeignKeys.Add(Fk("account_id", "accounts.id", ReferentialAction.Cascade, line: 7));
        schema.Tables.Add(invoices);

        Assert.Equal(fires ? [7] : [], Run<FkTypeMismatch>(schema).Lines());
    }
}
