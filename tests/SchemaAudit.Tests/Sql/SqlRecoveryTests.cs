using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;
using static SchemaAudit.Tests.Sql.SqlTestHelpers;

namespace SchemaAudit.Tests.Sql;

public sealed class SqlRecoveryTests
{
    [Fact]
    public void Junk_statement_is_reported_and_the_next_one_is_parsed()
    {
        var schema = Build("CREATE TABLE a (id int);\nfoo bar baz;\nCREATE TABLE b (id int);");
        var diagnostic = Assert.Single(schema.Diagnostics);
        Assert.Equal(("schema.sql", 2, 1), (diagnostic.Span.Path, diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Contains("expected a SQL statement", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], schema.Tables.Select(t => t.Name));
    }

    [Fact]
    public void Bad_column_loses_only_that_column()
    {
        var schema = Build("CREATE TABLE a (\n  id int,\n  bad int WHATEVER 1,\n  name text NOT NULL\n);");
        var diagnostic = Assert.Single(schema.Diagnostics);
        Assert.Equal((3, 11), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal(["id", "bad", "name"], schema.Table("a").Columns.Select(c => c.Name));
        Assert.False(schema.Table("a").Column("name").Nullable);
    }

    [Fact]
    public void Missing_semicolon_does_not_swallow_the_next_table()
    {
        var schema = Build("CREATE TABLE a (id int)\nCREATE TABLE b (id int);");
        Assert.Single(schema.Diagnostics);
        Assert.Equal(["a", "b"], schema.Tables.Select(t => t.Name));
    }

    [Fact]
    public void Truncated_input_keeps_what_was_read()
    {
        var schema = Build("CREATE TABLE a (\n  id int PRIMARY KEY,\n  name varchar(");
        Assert.NotEmpty(schema.Diagnostics);
        Assert.Contains("id", schema.Table("a").Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData("CREATE TABLE (id int);", "a table name")]
    [InlineData("CREATE INDEX ix ON t (;", "an index column")]
    [InlineData("CREATE TABLE t (id int REFERENCES u ON DELETE EXPLODE);", "CASCADE, RESTRICT")]
    [InlineData("ALTER TABLE t 42;", "an ALTER TABLE action")]
    [InlineData("CREATE TYPE e AS ENUM (1);", "an enum value")]
    [InlineData("COMMENT ON COLUMN t IS 'x';", "table.column")]
    public void Malformed_statements_say_what_was_expected(string sql, string expected)
    {
        var script = SqlParser.Parse("x.sql", "CREATE TABLE t (id int);\n" + sql + "\nCREATE TABLE after_it (id int);");
        var diagnostic = Assert.Single(script.Diagnostics);
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(2, diagnostic.Span.Line);
        Assert.Contains(script.Statements, s => s is CreateTableStatement { Name.Name: "after_it" });
    }

    [Fact]
    public void Valid_but_unmodeled_statements_are_silent()
    {
        var schema = Build("""
            CREATE EXTENSION IF NOT EXISTS pgcrypto;
            CREATE VIEW v AS
            SELECT 1;
            CREATE OR REPLACE FUNCTION f() RETURNS int AS 'select 1; select 2' LANGUAGE sql;
            DO $$ BEGIN PERFORM 1; END $$;
            GRANT ALL ON ALL TABLES IN SCHEMA public TO app;
            SET search_path = public;
            BEGIN; COMMIT;
            INSERT INTO x VALUES (1, 'a;b');
            CREATE SEQUENCE s;
            CREATE POLICY p ON t USING (true);
            \connect mydb
            """);
        Assert.Empty(schema.Diagnostics);
    }

    [Fact]
    public void Alter_on_a_missing_table_is_a_warning()
    {
        var schema = Build("ALTER TABLE ghost ADD COLUMN x int;");
        var diagnostic = Assert.Single(schema.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("`ghost`", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_does_not_overflow()
    {
        var sql = "CREATE TABLE t (id int CHECK (" + new string('(', 100_000) + "1" + new string(')', 100_000) + "));";
        var schema = Build(sql);
        Assert.Equal("", schema.Errors());
        Assert.Single(schema.Table("t").Checks);
    }
}
