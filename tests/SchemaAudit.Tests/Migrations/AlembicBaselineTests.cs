using SchemaAudit.Discovery;
using SchemaAudit.Drift;
using SchemaAudit.Frontends.Migrations;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Migrations;

/// <summary>
/// Alembic histories that start after <c>create_all()</c>: the first revision is empty and later
/// ones alter tables no revision creates. That is a baseline we cannot see, not a broken history.
/// </summary>
public sealed class AlembicBaselineTests
{
    private static SourceFile File(string path, string text) => new("/virtual/" + path, path, text);

    private static string Migration(string revision, string? down, string body) => $$"""
        from alembic import op
        import sqlalchemy as sa

        revision = "{{revision}}"
        down_revision = {{(down is null ? "None" : $"\"{down}\"")}}


        def upgrade():
        {{string.Join("\n", body.Split('\n').Select(l => "    " + l))}}
        """;

    private static Schema History()
    {
        var frontend = new AlembicFrontend();
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        frontend.Extract([
            File("versions/1.py", Migration("r1", null, "pass")),
            File("versions/2.py", Migration("r2", "r1", """
                op.add_column("accounts", sa.Column("disabled_at", sa.DateTime(True), nullable=True))
                op.add_column("accounts", sa.Column("plan", sa.String(20), nullable=False))
                op.alter_column("accounts", "email", nullable=False)
                op.drop_index("ix_accounts_legacy", table_name="accounts")
                op.drop_table("legacy_sessions")
                """)),
        ], schema);
        return schema;
    }

    private static Schema Models(string ddl)
    {
        var schema = new Schema { SourceKind = SchemaSourceKind.OrmModels };
        new SqlMigrationsFrontend().Extract([File("models.sql", ddl)], schema);
        schema.SourceKind = SchemaSourceKind.OrmModels;
        return schema;
    }

    [Fact]
    public void Tables_altered_before_any_creation_come_from_the_baseline_with_one_note()
    {
        var schema = History();
        Assert.True(schema.HistoryLacksBaseline);
        var accounts = schema.FindTable("accounts")!;
        Assert.True(accounts.PredatesHistory);
        Assert.Equal(["disabled_at", "plan"], accounts.Columns.Select(c => c.Name));
        var note = Assert.Single(schema.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Info, note.Severity);
        Assert.Equal(("versions/2.py", 9), (note.Span.Path, note.Span.Line));
        Assert.Contains("`accounts` is changed before any migration creates it,", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_against_a_baseline_history_compares_only_what_the_migrations_know()
    {
        var models = Models("""
            CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, disabled_at timestamptz, plan varchar(20));
            CREATE TABLE invoices (id bigint PRIMARY KEY);
            """);
        var findings = DriftDetector.Compare(models, History());
        // Only `plan` differs in what both views know: NOT NULL in the migrations, nullable in the models.
        var finding = Assert.Single(findings);
        Assert.Equal(("accounts", "plan"), (finding.Table, finding.ColumnName));
    }

    [Fact]
    public void Mysql_names_of_unnamed_foreign_keys_can_be_dropped()
    {
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        new AlembicFrontend().Extract([
            File("versions/1.py", Migration("r1", null, """
                op.create_table("teams", sa.Column("id", sa.Integer(), primary_key=True))
                op.create_table("awards", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id")), sa.Column("owner_id", sa.Integer(), sa.ForeignKey("teams.id")))
                """)),
            File("versions/2.py", Migration("r2", "r1", """
                op.drop_constraint("awards_ibfk_2", "awards", type_="foreignkey")
                op.create_foreign_key(None, "awards", "teams", ["owner_id"], ["id"], ondelete="CASCADE")
                """)),
        ], schema);
        Assert.Empty(schema.Diagnostics);
        var keys = schema.FindTable("awards")!.ForeignKeys;
        Assert.Equal(["team_id", "owner_id"], keys.Select(k => k.Columns.Single()));
        Assert.Equal(ReferentialAction.Cascade, keys[1].OnDelete);
    }

    [Fact]
    public void Plain_sql_scripts_still_warn_about_a_missing_table()
    {
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        new SqlMigrationsFrontend().Extract([File("001.sql", "ALTER TABLE accounts ADD COLUMN plan text;")], schema);
        Assert.False(schema.HistoryLacksBaseline);
        Assert.Contains(schema.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("does not exist", StringComparison.Ordinal));
    }
}
