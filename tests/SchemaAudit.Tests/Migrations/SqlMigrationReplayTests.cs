using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Migrations;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Migrations;

public sealed class SqlMigrationReplayTests
{
    private static SourceFile File(string path, string text) => new("/virtual/" + path, path, text);

    private static Schema Replay(params SourceFile[] files)
    {
        var frontend = new SqlMigrationsFrontend();
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        frontend.Extract(files.Where(frontend.Accepts).ToList(), schema);
        return schema;
    }

    [Theory]
    [InlineData("V2__b.sql", "V10__a.sql")]
    [InlineData("V1.9__b.sql", "V1.10__a.sql")]
    [InlineData("V3__x.sql", "R__views.sql")]
    [InlineData("2_b.sql", "10_a.sql")]
    [InlineData("0009_a.sql", "0010_b.sql")]
    public void File_names_order_migrations(string first, string second)
    {
        Assert.True(MigrationOrder.CompareByName(first, second) < 0);
        Assert.True(MigrationOrder.CompareByName(second, first) > 0);
    }

    [Fact]
    public void Flyway_versions_out_of_name_order()
    {
        var schema = Replay(
            File("db/V10__add_email.sql", "ALTER TABLE users ADD COLUMN email text;"),
            File("db/V2__users.sql", "CREATE TABLE users (id int);"));
        Assert.Empty(schema.Diagnostics);
        Assert.Equal(["id", "email"], schema.FindTable("users")!.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Drizzle_journal_decides_the_order()
    {
        var schema = Replay(
            File("drizzle/0000_b.sql", "ALTER TABLE t ADD COLUMN b int;"),
            File("drizzle/0001_a.sql", "CREATE TABLE t (a int);\n--> statement-breakpoint\nCREATE INDEX t_a ON t (a);"),
            File("drizzle/meta/_journal.json", """{"version":"7","dialect":"postgresql","entries":[{"idx":0,"tag":"0001_a"},{"idx":1,"tag":"0000_b"}]}"""));
        Assert.Empty(schema.Diagnostics);
        var t = schema.FindTable("t")!;
        Assert.Equal(["a", "b"], t.Columns.Select(c => c.Name));
        Assert.Equal(("drizzle/0001_a.sql", 3), (t.Indexes[0].Span.Path, t.Indexes[0].Span.Line));
    }

    [Fact]
    public void Broken_journal_falls_back_to_names()
    {
        var schema = Replay(
            File("drizzle/0000_a.sql", "CREATE TABLE t (a int);"),
            File("drizzle/meta/_journal.json", "{ not json"));
        Assert.Single(schema.Diagnostics);
        Assert.NotNull(schema.FindTable("t"));
    }

    [Fact]
    public void Later_migrations_change_facts_but_keep_creation_spans()
    {
        var schema = Replay(
            File("m/001_init.sql", "CREATE TABLE users (\n  id int PRIMARY KEY,\n  email text,\n  name text\n);\nCREATE INDEX users_name ON users (name);"),
            File("m/002_tighten.sql", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nDROP INDEX users_name;\n\nCREATE UNIQUE INDEX users_email ON users (email);"),
            File("m/003_rename.sql", "ALTER TABLE users RENAME COLUMN name TO full_name;\nALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();\nALTER TABLE users RENAME TO accounts;"));
        Assert.Empty(schema.Diagnostics);
        var accounts = Assert.Single(schema.Tables);
        Assert.Equal("accounts", accounts.Name);
        Assert.Equal(("m/001_init.sql", 1), (accounts.Span.Path, accounts.Span.Line));
        var email = accounts.FindColumn("email")!;
        Assert.False(email.Nullable);
        Assert.Equal(("m/001_init.sql", 3), (email.Span.Path, email.Span.Line));
        Assert.Equal(("m/001_init.sql", 4), (accounts.FindColumn("full_name")!.Span.Path, accounts.FindColumn("full_name")!.Span.Line));
        Assert.Equal(("m/003_rename.sql", 2), (accounts.FindColumn("created_at")!.Span.Path, accounts.FindColumn("created_at")!.Span.Line));
        var index = Assert.Single(accounts.Indexes);
        Assert.Equal(("users_email", "m/002_tighten.sql", 4), (index.Name, index.Span.Path, index.Span.Line));
    }

    [Fact]
    public void Rename_carries_foreign_keys_along()
    {
        var schema = Replay(
            File("m/1.sql", "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (a_id int REFERENCES a(id));"),
            File("m/2.sql", "ALTER TABLE a RENAME COLUMN id TO a_key;\nALTER TABLE a RENAME TO alpha;"));
        var fk = Assert.Single(schema.FindTable("b")!.ForeignKeys);
        Assert.Equal(("alpha", "a_key"), (fk.TargetTable, fk.TargetColumns[0]));
    }

    [Fact]
    public void Dropping_an_implicitly_named_constraint()
    {
        var schema = Replay(File("m/1.sql", "CREATE TABLE a (id int PRIMARY KEY, b_id int REFERENCES b, code text UNIQUE);\nALTER TABLE a DROP CONSTRAINT a_b_id_fkey, DROP CONSTRAINT a_code_key;"));
        Assert.Empty(schema.Diagnostics);
        Assert.Empty(schema.FindTable("a")!.ForeignKeys);
        Assert.Empty(schema.FindTable("a")!.UniqueConstraints);
    }

    [Fact]
    public void Accepts_only_ddl_sql_and_journals()
    {
        var frontend = new SqlMigrationsFrontend();
        Assert.True(frontend.Accepts(File("schema.sql", "create table t (a int);")));
        Assert.False(frontend.Accepts(File("seed.sql", "INSERT INTO t VALUES (1);")));
        Assert.False(frontend.Accepts(File("models.py", "CREATE TABLE")));
        Assert.True(frontend.Accepts(File("drizzle/meta/_journal.json", "{}")));
        Assert.False(frontend.Accepts(File("package.json", "{}")));
    }

    [Fact]
    public void A_migration_of_drops_only_is_replayed()
    {
        var schema = Replay(
            File("drizzle/0000_init.sql", "CREATE TABLE `a` (`id` integer PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE `a_to_b` (`a_id` integer);"),
            File("drizzle/0001_cleanup.sql", "DROP TABLE `a_to_b`;--> statement-breakpoint\n"),
            File("drizzle/meta/_journal.json", """{"entries":[{"idx":0,"tag":"0000_init"},{"idx":1,"tag":"0001_cleanup"}]}"""));
        Assert.Empty(schema.Diagnostics);
        Assert.Equal(["a"], schema.Tables.Select(t => t.Name));
    }
}

public sealed class SqlMigrationDialectTests
{
    private static SourceFile File(string path, string text) => new("/virtual/" + path, path, text);

    private static Schema Replay(params SourceFile[] files)
    {
        var frontend = new SqlMigrationsFrontend();
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        frontend.Extract(files.Where(frontend.Accepts).ToList(), schema);
        return schema;
    }

    [Fact]
    public void TSql_files_are_one_diagnostic_naming_the_dialect_and_the_files_and_build_nothing()
    {
        var schema = Replay(
            File("src/Sql/dbo/Tables/User.sql", "CREATE TABLE [dbo].[User] (\n    [Id] UNIQUEIDENTIFIER NOT NULL,\n    CONSTRAINT [PK_User] PRIMARY KEY CLUSTERED ([Id] ASC)\n);\nGO\n"),
            File("src/Sql/dbo/Tables/Org.sql", "CREATE TABLE [dbo].[Org] ([Id] INT IDENTITY(1,1) NOT NULL)\nGO\nCREATE NONCLUSTERED INDEX [IX_Org] ON [dbo].[Org]([Id])\nGO\n"));
        Assert.Empty(schema.Tables);
        var diagnostic = Assert.Single(schema.Diagnostics);
        Assert.Contains("T-SQL (SQL Server)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("src/Sql/dbo/Tables/Org.sql, src/Sql/dbo/Tables/User.sql", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void A_minority_dialect_is_set_aside_not_merged()
    {
        var schema = Replay(
            File("server/migrations/001_init.sql", "CREATE TABLE history (id bigserial PRIMARY KEY, data jsonb);"),
            File("server/migrations/002_more.sql", "ALTER TABLE history ADD COLUMN at timestamptz;"),
            File("client/migrations/001_init.sql", "CREATE TABLE history (id integer PRIMARY KEY AUTOINCREMENT, data text);"),
            File("shared/schema.sql", "CREATE TABLE plain (id int PRIMARY KEY);"));
        Assert.Equal("postgresql", schema.Dialect);
        Assert.Equal(["history", "plain"], schema.Tables.Select(t => t.Name).Order());
        Assert.Equal(Model.LogicalType.Int64, schema.FindTable("history")!.FindColumn("id")!.Type);
        var note = Assert.Single(schema.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Info, "client/migrations/001_init.sql"), (note.Severity, note.Span.Path));
        Assert.Contains("SQLite", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_drizzle_journal_dialect_wins_over_file_counts()
    {
        var schema = Replay(
            File("drizzle/0000_a.sql", "CREATE TABLE `t` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL);"),
            File("drizzle/meta/_journal.json", """{"dialect":"sqlite","entries":[{"idx":0,"tag":"0000_a"}]}"""),
            File("ops/one.sql", "CREATE TABLE x (id serial PRIMARY KEY);"),
            File("ops/two.sql", "CREATE TABLE y (id serial PRIMARY KEY);"));
        Assert.Equal("sqlite", schema.Dialect);
        Assert.Equal(["t"], schema.Tables.Select(t => t.Name));
    }

    [Theory]
    [InlineData("migrations/2019-02-26_create_user/down.sql", true)]
    [InlineData("migrations/20250501_kv.down.sql", true)]
    [InlineData("db/U2__undo.sql", true)]
    [InlineData("migrations/2019-02-26_create_user/up.sql", false)]
    [InlineData("migrations/20250501_kv.up.sql", false)]
    [InlineData("db/V2__users.sql", false)]
    [InlineData("db/update_users.sql", false)]
    public void Down_migrations_are_never_replayed(string path, bool down) =>
        Assert.Equal(down, SqlMigrationsFrontend.IsDownMigration(path));

    [Fact]
    public void A_diesel_history_replays_up_files_only()
    {
        var schema = Replay(
            File("migrations/2019-01-01_users/up.sql", "CREATE TABLE users (id serial PRIMARY KEY);"),
            File("migrations/2019-01-01_users/down.sql", "DROP TABLE users;"),
            File("migrations/2019-02-01_email/up.sql", "ALTER TABLE users ADD COLUMN email text NOT NULL;"),
            File("migrations/2019-02-01_email/down.sql", "ALTER TABLE users DROP COLUMN email;"));
        Assert.Empty(schema.Diagnostics);
        Assert.Equal(["id", "email"], schema.FindTable("users")!.Columns.Select(c => c.Name));
    }

    [Fact]
    public void A_history_that_alters_tables_it_never_creates_is_a_partial_view_with_one_note()
    {
        var schema = Replay(
            File("migrations/0001_a.sql", "ALTER TABLE users ADD COLUMN email text;\nALTER TABLE orgs ADD COLUMN plan text;"),
            File("migrations/0002_b.sql", "CREATE INDEX users_email ON users (email);\nCREATE TABLE teams (id int PRIMARY KEY);"));
        Assert.True(schema.HistoryLacksBaseline);
        var note = Assert.Single(schema.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Info, note.Severity);
        Assert.Contains("`users`", note.Message, StringComparison.Ordinal);
        Assert.True(schema.FindTable("users")!.PredatesHistory);
        Assert.False(schema.FindTable("teams")!.PredatesHistory);
    }

    [Fact]
    public void MySql_index_names_belong_to_their_table()
    {
        var schema = Replay(
            File("schema/a.sql", "CREATE TABLE `a` (`id` int NOT NULL AUTO_INCREMENT, `workspace_id` int, PRIMARY KEY (`id`)) ENGINE=InnoDB;\nCREATE INDEX `workspace_idx` ON `a` (`workspace_id`);"),
            File("schema/b.sql", "CREATE TABLE `b` (`id` int NOT NULL AUTO_INCREMENT, `workspace_id` int, PRIMARY KEY (`id`)) ENGINE=InnoDB;\nCREATE INDEX `workspace_idx` ON `b` (`workspace_id`);\nDROP INDEX `workspace_idx` ON `b`;"));
        Assert.Equal("mysql", schema.Dialect);
        Assert.DoesNotContain(schema.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        Assert.Single(schema.FindTable("a")!.Indexes);
        Assert.Empty(schema.FindTable("b")!.Indexes);
    }
}
