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
