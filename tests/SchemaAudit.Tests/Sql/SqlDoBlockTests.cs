using SchemaAudit.Model;
using static SchemaAudit.Tests.Sql.SqlTestHelpers;

namespace SchemaAudit.Tests.Sql;

/// <summary><c>DO $$ BEGIN &lt;ddl&gt; EXCEPTION WHEN duplicate_object THEN null; END $$;</c>, as drizzle-kit writes it.</summary>
public sealed class SqlDoBlockTests
{
    [Fact]
    public void Drizzle_kit_foreign_key_and_enum_blocks_are_replayed_at_their_lines()
    {
        var schema = Build("""
            CREATE TABLE "users" ("id" serial PRIMARY KEY NOT NULL);
            CREATE TABLE "posts" ("id" serial PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "kind" "kind");
            DO $$ BEGIN
             CREATE TYPE "public"."kind" AS ENUM('a', 'b');
            EXCEPTION
             WHEN duplicate_object THEN null;
            END $$;
            --> statement-breakpoint
            DO $$ BEGIN
             ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
            EXCEPTION
             WHEN duplicate_object THEN null;
            END $$;
            """);
        Assert.Equal("", schema.Errors());
        var fk = Assert.Single(schema.Table("posts").ForeignKeys);
        Assert.Equal(["user_id"], fk.Columns);
        Assert.Equal(("public.users", ReferentialAction.Cascade), (fk.TargetTable, fk.OnDelete));
        Assert.Equal((10, 26), (fk.Span.Line, fk.Span.Column)); // at CONSTRAINT, as for a top-level ALTER TABLE
        Assert.Equal(["a", "b"], Assert.Single(schema.Enums).Values);
        Assert.Equal("postgresql", schema.Dialect);
    }

    [Fact]
    public void A_do_block_with_control_flow_is_code_and_is_skipped()
    {
        var schema = Build("""
            CREATE TABLE t (id int PRIMARY KEY, x int);
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'k') THEN
                ALTER TABLE t ADD COLUMN y int;
              END IF;
            END $$;
            DO LANGUAGE plpgsql $body$ BEGIN PERFORM 1; END $body$;
            """);
        Assert.Equal("", schema.Errors());
        Assert.Null(schema.Table("t").FindColumn("y"));
    }

    [Fact]
    public void Malformed_ddl_inside_a_block_is_reported_at_its_own_line_and_the_rest_still_read()
    {
        var schema = Build("""
            CREATE TABLE t (id int PRIMARY KEY, x int);
            DO $$ BEGIN
             ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (x REFERENCES;
            EXCEPTION WHEN duplicate_object THEN null;
            END $$;
            CREATE TABLE u (id int PRIMARY KEY);
            DO $$ BEGIN ALTER TABLE t ADD COLUMN
            """);
        var error = Assert.Single(schema.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Span.Line == 3);
        Assert.Equal("schema.sql", error.Span.Path);
        Assert.NotNull(schema.FindTable("u"));
        Assert.Contains(schema.Diagnostics, d => d.Message.Contains("unterminated dollar-quoted body", StringComparison.Ordinal));
    }
}
