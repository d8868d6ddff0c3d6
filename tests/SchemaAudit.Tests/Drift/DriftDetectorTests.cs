using SchemaAudit.Discovery;
using SchemaAudit.Drift;
using SchemaAudit.Frontends.Migrations;
using SchemaAudit.Model;
using SchemaAudit.Rules;

namespace SchemaAudit.Tests.Drift;

/// <summary>Drift between two DDL views: each kind of difference, and silence where views agree.</summary>
public sealed class DriftDetectorTests
{
    private static Schema Ddl(string sql, string path = "a.sql")
    {
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        new SqlMigrationsFrontend().Extract([new SourceFile("/x/" + path, path, sql)], schema);
        return schema;
    }

    private static List<string> Drift(string a, string b) =>
        [.. DriftDetector.Compare(Ddl(a), Ddl(b, "b.sql")).Select(f => $"{f.Table}.{f.ColumnName}: {f.Message}")];

    private const string Base = """
        CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE, title text);
        CREATE INDEX ix_posts_author ON posts (author_id);
        CREATE UNIQUE INDEX uq_users_email ON users (lower(email)) WHERE created_at IS NOT NULL;
        """;

    [Fact]
    public void Identical_views_have_no_drift() => Assert.Empty(Drift(Base, Base));

    [Fact]
    public void Spelling_differences_are_not_drift()
    {
        var respelled = """
            create table USERS (ID int8 primary key, EMAIL character varying(100) not null, CREATED_AT timestamp with time zone not null default CURRENT_TIMESTAMP);
            create table public.posts (id bigint primary key, author_id bigint not null, title text, foreign key (author_id) references users (id) on delete cascade);
            create index some_other_name on posts (author_id);
            create unique index uq2 on users (LOWER((email)::text)) where (created_at is not null);
            """;
        Assert.Empty(Drift(Base, respelled));
    }

    [Fact]
    public void Unspecified_and_no_action_are_not_drift()
    {
        var a = "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id));";
        var b = "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id) ON DELETE NO ACTION ON UPDATE NO ACTION);";
        Assert.Empty(Drift(a, b));
    }

    [Theory]
    [InlineData("email varchar(100) NOT NULL", "email varchar(100)", "users.email: `users.email` is NOT NULL in the first view but nullable in the second view")]
    [InlineData("email varchar(100) NOT NULL", "email varchar(200) NOT NULL", "users.email: `users.email` holds at most 100 characters in the first view but 200 in the second view")]
    [InlineData("email varchar(100) NOT NULL", "email integer NOT NULL", "users.email: `users.email` is `text`")]
    [InlineData("created_at timestamptz NOT NULL DEFAULT now()", "created_at timestamptz NOT NULL DEFAULT clock_timestamp()", "users.created_at: `users.created_at` has server default `now()` in the first view but `clock_timestamp()`")]
    [InlineData("created_at timestamptz NOT NULL DEFAULT now()", "created_at timestamptz NOT NULL", "users.created_at: `users.created_at` has server default `now()` in the first view but none")]
    [InlineData("email varchar(100) NOT NULL,", "", "users.email: Column `users.email` exists in the first view but not in the second view")]
    public void Column_differences_are_reported_once(string from, string to, string expected)
    {
        var drift = Drift(Base, Base.Replace(from, to, StringComparison.Ordinal));
        var only = Assert.Single(drift);
        Assert.StartsWith(expected, only, StringComparison.Ordinal);
    }

    [Fact]
    public void Fk_index_unique_and_table_differences_are_reported()
    {
        var changed = Base
            .Replace("ON DELETE CASCADE", "ON DELETE SET NULL", StringComparison.Ordinal)
            .Replace("CREATE INDEX ix_posts_author ON posts (author_id);", "", StringComparison.Ordinal)
            .Replace("WHERE created_at IS NOT NULL", "", StringComparison.Ordinal)
            + "CREATE TABLE audit_log (id bigint PRIMARY KEY);";
        var drift = Drift(Base, changed);
        Assert.Equal(5, drift.Count);
        Assert.Contains(drift, d => d.StartsWith("posts.author_id: Foreign key `posts.author_id` is ON DELETE CASCADE in the first view but ON DELETE SET NULL", StringComparison.Ordinal));
        Assert.Contains(drift, d => d.StartsWith("posts.: `posts` has index (author_id) in the first view but not in the second view", StringComparison.Ordinal));
        Assert.Contains(drift, d => d.StartsWith("users.: `users` has unique index (lower(email)) WHERE created_at IS NOT NULL in the first view", StringComparison.Ordinal));
        Assert.Contains(drift, d => d.StartsWith("users.: `users` has unique index (lower(email)) in the second view", StringComparison.Ordinal));
        Assert.Contains(drift, d => d.StartsWith("audit_log.: Table `audit_log` exists in the second view but not in the first view", StringComparison.Ordinal));
    }

    [Fact]
    public void Findings_point_at_both_views()
    {
        var finding = DriftDetector.Compare(Ddl(Base), Ddl(Base.Replace("title text", "title text NOT NULL", StringComparison.Ordinal), "b.sql")).Single();
        Assert.Equal(("a.sql", 2), (finding.Span.Path, finding.Span.Line));
        Assert.Equal(("b.sql", 2), (finding.RelatedSpans.Single().Path, finding.RelatedSpans.Single().Line));
        Assert.Equal(("posts", "title"), (finding.Table, finding.ColumnName));
    }

    /// <summary>The metadata examples are two views, each introduced by a <c>-- view:</c> line.</summary>
    [Fact]
    public void Metadata_examples_behave()
    {
        var meta = RuleRegistry.FindMetadata("schema-drift")!;
        static int Count(string example)
        {
            var parts = example.Split("-- view:", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, parts.Length);
            return DriftDetector.Compare(Ddl(parts[0]), Ddl(parts[1], "b.sql")).Count;
        }
        Assert.True(Count(meta.BadExample) > 0);
        Assert.Equal(0, Count(meta.GoodExample));
    }

    [Theory]
    [InlineData("now()", "CURRENT_TIMESTAMP")]
    [InlineData("func.now()", "now()")]
    [InlineData("sa.text(\"now()\")", "now()")]
    [InlineData("'draft'::post_status", "'draft'")]
    [InlineData("(0)", "0")]
    [InlineData("'t'", "true")]
    [InlineData("sa.false()", "false")]
    [InlineData("sqlalchemy.sql.expression.true()", "'t'")]
    public void Defaults_that_mean_the_same_normalize_the_same(string a, string b) =>
        Assert.Equal(DefaultExpressionNormalizer.Normalize(a), DefaultExpressionNormalizer.Normalize(b));
}
