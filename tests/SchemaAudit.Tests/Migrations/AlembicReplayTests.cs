using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Migrations;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Migrations;

public sealed class AlembicReplayTests
{
    private static SourceFile File(string path, string text) => new("/virtual/" + path, path, text);

    private static Schema Replay(params SourceFile[] files)
    {
        var frontend = new AlembicFrontend();
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        frontend.Extract(files.Where(frontend.Accepts).ToList(), schema);
        return schema;
    }

    private static string Migration(string revision, string? down, string upgradeBody) => $$"""
        from alembic import op
        import sqlalchemy as sa

        revision = "{{revision}}"
        down_revision = {{(down is null ? "None" : $"\"{down}\"")}}


        def upgrade():
        {{string.Join("\n", upgradeBody.Split('\n').Select(l => "    " + l))}}


        def downgrade():
            op.drop_table("never_replayed")
        """;

    [Fact]
    public void Down_revision_chain_orders_files_whatever_their_names()
    {
        var schema = Replay(
            File("versions/aaa.py", Migration("r3", "r2", "op.add_column(\"t\", sa.Column(\"c\", sa.Integer()))")),
            File("versions/bbb.py", Migration("r1", null, "op.create_table(\"t\", sa.Column(\"a\", sa.Integer(), primary_key=True))")),
            File("versions/ccc.py", Migration("r2", "r1", "op.add_column(\"t\", sa.Column(\"b\", sa.Text(), nullable=False))")));
        Assert.Empty(schema.Diagnostics);
        var t = schema.FindTable("t")!;
        Assert.Equal(["a", "b", "c"], t.Columns.Select(c => c.Name));
        Assert.Equal(("versions/ccc.py", 9), (t.FindColumn("b")!.Span.Path, t.FindColumn("b")!.Span.Line));
        Assert.False(t.FindColumn("b")!.Nullable);
        Assert.True(t.FindColumn("a")!.IsIdentity);
    }

    [Fact]
    public void Branches_and_multiple_heads_are_reported()
    {
        var schema = Replay(
            File("v/1.py", Migration("base", null, "op.create_table(\"t\", sa.Column(\"a\", sa.Integer()))")),
            File("v/2.py", Migration("left", "base", "op.add_column(\"t\", sa.Column(\"l\", sa.Integer()))")),
            File("v/3.py", Migration("right", "base", "op.add_column(\"t\", sa.Column(\"r\", sa.Integer()))")));
        Assert.Contains(schema.Diagnostics, d => d.Message.Contains("branches at `base`", StringComparison.Ordinal) && d.Span.Path == "v/1.py");
        Assert.Contains(schema.Diagnostics, d => d.Message.Contains("2 heads", StringComparison.Ordinal));
        Assert.Equal(["a", "l", "r"], schema.FindTable("t")!.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Unknown_parent_is_reported()
    {
        var schema = Replay(File("v/1.py", Migration("x", "missing", "op.create_table(\"t\", sa.Column(\"a\", sa.Integer()))")));
        Assert.Contains(schema.Diagnostics, d => d.Message.Contains("`missing`", StringComparison.Ordinal));
        Assert.NotNull(schema.FindTable("t"));
    }

    [Fact]
    public void Alter_drop_rename_and_batch_operations()
    {
        var schema = Replay(
            File("v/1.py", Migration("r1", null, """
                op.create_table(
                    "users",
                    sa.Column("id", sa.Integer(), nullable=False),
                    sa.Column("email", sa.String(100), nullable=True),
                    sa.Column("legacy", sa.Text()),
                    sa.Column("org_id", sa.Integer(), sa.ForeignKey("orgs.id", ondelete="SET NULL")),
                    sa.PrimaryKeyConstraint("id", name="users_pk"),
                    sa.UniqueConstraint("email", name="uq_email"),
                )
                op.create_index(op.f("ix_users_lower_email"), "users", [sa.text("lower(email)")], unique=True)
                """)),
            File("v/2.py", Migration("r2", "r1", """
                op.alter_column("users", "email", nullable=False, type_=sa.String(length=320), server_default="x", new_column_name="mail")
                op.drop_column("users", "legacy")
                op.drop_constraint("uq_email", "users", type_="unique")
                op.drop_index("ix_users_lower_email", table_name="users")
                op.create_foreign_key("fk_org", "users", "orgs", ["org_id"], ["id"], ondelete="CASCADE")
                with op.batch_alter_table("users") as batch:
                    batch.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
                    batch.create_index("ix_users_active", ["active"], postgresql_where=sa.text("active"))
                    batch.alter_column("active", server_default=None)
                op.rename_table("users", "members")
                op.execute(
                    '''
                    CREATE INDEX ix_members_mail ON members (mail);
                    junk here;
                    '''
                )
                """)));
        var members = schema.FindTable("members")!;
        Assert.Equal(["id", "mail", "org_id", "active"], members.Columns.Select(c => c.Name));
        var mail = members.FindColumn("mail")!;
        Assert.Equal((false, 320, "'x'"), (mail.Nullable, mail.Length, mail.ServerDefault?.Expression));
        Assert.Equal(("v/1.py", 12), (mail.Span.Path, mail.Span.Line));
        Assert.Empty(members.UniqueConstraints);
        Assert.Equal(["users_pk"], [members.PrimaryKey!.Name!]);
        Assert.Equal(2, members.ForeignKeys.Count);
        Assert.Equal(ReferentialAction.SetNull, members.ForeignKeys[0].OnDelete);
        Assert.Equal(("fk_org", ReferentialAction.Cascade), (members.ForeignKeys[1].Name, members.ForeignKeys[1].OnDelete));
        Assert.Null(members.FindColumn("active")!.ServerDefault);
        Assert.Equal("active", members.Indexes.Single(i => i.Name == "ix_users_active").Where);
        var executed = members.Indexes.Single(i => i.Name == "ix_members_mail");
        Assert.Equal(("v/2.py", 21), (executed.Span.Path, executed.Span.Line));
        var junk = Assert.Single(schema.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("v/2.py", 22), (junk.Span.Path, junk.Span.Line));
        Assert.Null(schema.FindTable("never_replayed"));
    }

    [Fact]
    public void Alembic_sniff()
    {
        var frontend = new AlembicFrontend();
        Assert.True(frontend.Accepts(File("versions/1.py", "from alembic import op\nimport sqlalchemy as sa")));
        Assert.False(frontend.Accepts(File("env.py", "from alembic import context")));
        Assert.False(frontend.Accepts(File("models.py", "from sqlalchemy.orm import DeclarativeBase")));
    }
}
