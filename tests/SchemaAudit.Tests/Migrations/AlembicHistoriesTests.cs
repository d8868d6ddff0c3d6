using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Migrations;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Migrations;

/// <summary>Several Alembic histories in one project: per-directory ordering, reused ids, plugin histories.</summary>
public sealed class AlembicHistoriesTests
{
    private static SourceFile File(string path, string text) => new("/virtual/" + path, path, text);

    private static string Migration(string revision, string? down, string body, string header = "from alembic import op", string signature = "upgrade()") => $$"""
        {{header}}
        import sqlalchemy as sa

        revision = "{{revision}}"
        down_revision = {{(down is null ? "None" : $"\"{down}\"")}}


        def {{signature}}:
        {{string.Join("\n", body.Split('\n').Select(l => "    " + l))}}
        """;

    private static Schema Replay(params SourceFile[] files)
    {
        var frontend = new AlembicFrontend();
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        frontend.Extract(files.Where(frontend.Accepts).ToList(), schema);
        return schema;
    }

    [Fact]
    public void Histories_in_separate_directories_may_reuse_revision_ids()
    {
        var schema = Replay(
            File("revisions/core/versions/1.py", Migration("r1", null, "op.create_table(\"org\", sa.Column(\"id\", sa.Integer(), primary_key=True))")),
            File("revisions/core/versions/2.py", Migration("r2", "r1", "op.add_column(\"org\", sa.Column(\"slug\", sa.Text()))")),
            File("revisions/tenant/versions/1.py", Migration("r1", null, "op.create_table(\"ticket\", sa.Column(\"id\", sa.Integer(), primary_key=True))")),
            File("revisions/tenant/versions/2.py", Migration("r2", "r1", "op.add_column(\"ticket\", sa.Column(\"title\", sa.Text()))")));
        Assert.Empty(schema.Diagnostics);
        Assert.Equal(["id", "slug"], schema.FindTable("org")!.Columns.Select(c => c.Name));
        Assert.Equal(["id", "title"], schema.FindTable("ticket")!.Columns.Select(c => c.Name));
    }

    [Fact]
    public void A_plugin_history_that_receives_op_runs_after_the_application_history()
    {
        var schema = Replay(
            File("app/plugins/scoring/migrations/p1.py", Migration("p1", null,
                "op.add_column(\"scores\", sa.Column(\"bonus\", sa.Integer()))", header: "from app.plugins.migrations import helper", signature: "upgrade(op=None)")),
            File("migrations/versions/a1.py", Migration("a1", null, "op.create_table(\"scores\", sa.Column(\"id\", sa.Integer(), primary_key=True))")));
        Assert.Empty(schema.Diagnostics);
        Assert.False(schema.FindTable("scores")!.PredatesHistory);
        Assert.Equal(["id", "bonus"], schema.FindTable("scores")!.Columns.Select(c => c.Name));
    }

    [Fact]
    public void The_revision_template_is_a_migration_even_without_imports_and_a_docstring_example_is_not()
    {
        const string EmptyFirstRevision = "\"\"\"Initial revision\"\"\"\nrevision = \"r0\"\ndown_revision = None\n\n\ndef upgrade():\n    pass\n";
        Assert.True(AlembicFrontend.IsAlembicMigration(EmptyFirstRevision));
        const string Helper = "def sync_trigger(conn, table):\n    \"\"\"Use it in a migration:\n\n        from alembic import op\n\n        def upgrade():\n            op.create_table('x')\n    \"\"\"\n";
        Assert.False(AlembicFrontend.IsAlembicMigration(Helper));
    }

    [Fact]
    public void Branches_joined_by_a_merge_revision_are_not_reported()
    {
        var schema = Replay(
            File("v/1.py", Migration("base", null, "op.create_table(\"t\", sa.Column(\"a\", sa.Integer()))")),
            File("v/2.py", Migration("left", "base", "op.add_column(\"t\", sa.Column(\"l\", sa.Integer()))")),
            File("v/3.py", Migration("right", "base", "op.add_column(\"t\", sa.Column(\"r\", sa.Integer()))")),
            File("v/4.py", Migration("merge", null, "pass").Replace("down_revision = None", "down_revision = (\"left\", \"right\")", StringComparison.Ordinal)));
        Assert.Empty(schema.Diagnostics);
        Assert.Equal(["a", "l", "r"], schema.FindTable("t")!.Columns.Select(c => c.Name));
    }

    [Fact]
    public void A_down_revision_in_another_directory_joins_the_histories()
    {
        var schema = Replay(
            File("b/versions/2.py", Migration("second", "first", "op.add_column(\"t\", sa.Column(\"b\", sa.Integer()))")),
            File("a/versions/1.py", Migration("first", null, "op.create_table(\"t\", sa.Column(\"a\", sa.Integer()))")));
        Assert.Empty(schema.Diagnostics);
        Assert.Equal(["a", "b"], schema.FindTable("t")!.Columns.Select(c => c.Name));
    }
}
