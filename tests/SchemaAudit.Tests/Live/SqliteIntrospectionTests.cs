using Microsoft.Data.Sqlite;
using SchemaAudit.Configuration;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using static SchemaAudit.Tests.Live.LiveTestSupport;

namespace SchemaAudit.Tests.Live;

/// <summary>SQLite introspection on real database files created in a temporary directory.</summary>
public sealed class SqliteIntrospectionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "schema-audit-sqlite-" + Guid.NewGuid().ToString("N")[..12]);

    public SqliteIntrospectionTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string Create(string sql, string name = "app.db")
    {
        var path = Path.Combine(_directory, name);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return path;
    }

    private const string Schema = """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email VARCHAR(320) NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
            created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at TIMESTAMP,
            deleted_at TIMESTAMP
        );
        CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            editor_id INTEGER REFERENCES users ON DELETE SET NULL,
            reviewer_id INTEGER REFERENCES users (id),
            title TEXT NOT NULL
        );
        CREATE TABLE tags (post_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (post_id, tag), FOREIGN KEY (post_id) REFERENCES posts (id));
        CREATE UNIQUE INDEX uq_users_email_live ON users (email) WHERE deleted_at IS NULL;
        CREATE INDEX ix_posts_author ON posts (author_id);
        CREATE INDEX ix_posts_title_lower ON posts (lower(title));
        CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN UPDATE users SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id; END;
        """;

    [Fact]
    public void Reads_tables_keys_indexes_and_triggers_through_pragmas()
    {
        var result = Read(Create(Schema));
        var schema = result.Schema;
        Assert.Equal((SchemaSourceKind.LiveDatabase, "sqlite"), (schema.SourceKind, schema.Dialect));
        Assert.Equal(5, result.QueryCount);
        var users = schema.FindTable("users")!;
        var id = users.FindColumn("id")!;
        Assert.True(id.IsPrimaryKey && id.IsIdentity && !id.Nullable);
        var email = users.FindColumn("email")!;
        Assert.Equal((LogicalType.Text, 320, false), (email.Type, email.Length, email.Nullable));
        Assert.Equal(["email"], users.UniqueConstraints.Single().Columns);
        Assert.Equal("'active'", users.FindColumn("status")!.ServerDefault!.Expression);
        Assert.Equal("CURRENT_TIMESTAMP", users.FindColumn("created_at")!.ServerDefault!.Expression);
        Assert.Equal(LogicalType.Timestamp, users.FindColumn("created_at")!.Type);
        Assert.Contains("status IN", users.Checks.Single().Expression, StringComparison.Ordinal);
        var partial = users.Indexes.Single();
        Assert.Equal(("uq_users_email_live", true, "deleted_at IS NULL"), (partial.Name!, partial.IsUnique, partial.Where));

        var posts = schema.FindTable("posts")!;
        ReferentialAction OnDelete(string column) => posts.ForeignKeys.Single(f => f.Columns.Single() == column).OnDelete;
        Assert.Equal(ReferentialAction.Cascade, OnDelete("author_id"));
        Assert.Equal(ReferentialAction.SetNull, OnDelete("editor_id"));
        Assert.Equal(ReferentialAction.NoAction, OnDelete("reviewer_id"));
        Assert.Equal(["id"], posts.ForeignKeys.Single(f => f.Columns.Single() == "editor_id").TargetColumns); // implicit: the target's key
        Assert.True(posts.Indexes.Single(i => i.Name == "ix_posts_title_lower").IsExpression.Single());
        Assert.Equal(["post_id", "tag"], schema.FindTable("tags")!.PrimaryKey!.Columns);

        var hook = Assert.Single(schema.UpdateHooks);
        Assert.Equal(("users", "updated_at"), (hook.Table, hook.Column));
    }

    [Fact]
    public void Opens_the_file_read_only()
    {
        var path = Create(Schema);
        var before = File.GetLastWriteTimeUtc(path);
        var bytes = File.ReadAllBytes(path);
        var (code, _, stderr) = RunCli("audit", "--db", $"sqlite:///{path}", "--fail-on", "none");
        Assert.True(code == 0, stderr);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Accepts_paths_and_urls_and_audits_like_ddl()
    {
        var path = Create(Schema);
        var fromPath = Read(path).Schema;
        Assert.Equal(3, fromPath.Tables.Count);
        var findings = AuditRunner.Audit([fromPath], ".", AuditConfig.Default).Findings;
        // reviewer_id has no index: the same FK-index finding as from DDL.
        Assert.Contains(findings, f => f.RuleId == "fk-missing-index" && f.Table == "posts" && f.ColumnName == "editor_id");
    }

    [Fact]
    public void Diff_of_the_ddl_and_the_database_built_from_it_is_empty_and_a_change_is_drift()
    {
        var ddl = Path.Combine(_directory, "schema.sql");
        File.WriteAllText(ddl, Schema);
        var same = Create(Schema);
        var (code, stdout, stderr) = RunCli("diff", ddl, same, "--format", "json");
        Assert.True(code == 0, stdout + stderr);

        var changed = Create(Schema.Replace("title TEXT NOT NULL", "title TEXT", StringComparison.Ordinal), "changed.sqlite");
        (code, stdout, stderr) = RunCli("diff", ddl, $"sqlite:///{changed}", "--format", "json");
        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("`posts.title` is NOT NULL in the migrations but nullable in the database", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_can_come_from_SCHEMA_AUDIT_DB()
    {
        var path = Create(Schema);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new SchemaAudit.Cli.CliEnvironment { GetVariable = name => name == "SCHEMA_AUDIT_DB" ? path : null };
        var code = SchemaAudit.Cli.CliApp.Run(["schema"], stdout, stderr, _directory, environment);
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("\"sourceKind\": \"LiveDatabase\"", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_or_a_file_that_is_not_a_database_exits_2()
    {
        Assert.Equal(2, RunCli("audit", "--db", Path.Combine(_directory, "missing.db")).Code);
        var junk = Path.Combine(_directory, "junk.sqlite");
        File.WriteAllText(junk, "this is not a database, just text long enough to have a header..............................................");
        var (code, _, stderr) = RunCli("audit", "--db", junk);
        Assert.Equal(2, code);
        Assert.Contains("cannot read sqlite://", stderr, StringComparison.Ordinal);
    }
}
