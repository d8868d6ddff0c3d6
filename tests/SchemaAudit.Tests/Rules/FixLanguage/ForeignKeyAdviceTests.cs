using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Model;
using SchemaAudit.Rules;
using static SchemaAudit.Tests.Rules.SourceLanguageAdvice.FixAudit;

namespace SchemaAudit.Tests.Rules.SourceLanguageAdvice;

/// <summary>The same foreign-key defects written in SQLAlchemy, Drizzle and SQL get advice in each one's own syntax.</summary>
public sealed class ForeignKeyAdviceTests
{
    private const string SqlAlchemyLikes = """
        from sqlalchemy import ForeignKey
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


        class Base(DeclarativeBase):
            pass


        class Post(Base):
            __tablename__ = "posts"
            id: Mapped[int] = mapped_column(primary_key=True)


        class PostLike(Base):
            __tablename__ = "post_likes"
            id: Mapped[int] = mapped_column(primary_key=True)
            post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
        """;

    private const string DrizzleLikes = """
        import { integer, pgTable } from "drizzle-orm/pg-core";

        export const posts = pgTable("posts", {
          id: integer("id").primaryKey(),
        });

        export const postLikes = pgTable("post_likes", {
          id: integer("id").primaryKey(),
          postId: integer("post_id").notNull().references(() => posts.id),
        });
        """;

    private const string SqlLikes = """
        CREATE TABLE posts (id integer PRIMARY KEY);
        CREATE TABLE post_likes (
            id integer PRIMARY KEY,
            post_id integer NOT NULL REFERENCES posts (id)
        );
        """;

    [Fact]
    public void On_delete_unspecified_keeps_the_sqlalchemy_advice()
    {
        var f = Single("fk-on-delete-unspecified", "app/models.py", SqlAlchemyLikes);

        Assert.Equal("Add `ondelete=\"CASCADE\"`, `\"SET NULL\"` or `\"RESTRICT\"` to `ForeignKey(\"posts.id\")` to state what happens to "
            + "`post_likes` rows when their parent is deleted.", f.Recommendation);
        Assert.Null(f.Before);
        Assert.Null(f.After);
    }

    [Fact]
    public void On_delete_unspecified_in_drizzle_says_onDelete()
    {
        var f = Single("fk-on-delete-unspecified", "src/db/schema.ts", DrizzleLikes);

        SpeaksDrizzle(f);
        Assert.Contains("`.references(() => posts.id)`", f.Recommendation, StringComparison.Ordinal);
        Assert.Equal(".references(() => posts.id)", f.Before);
        Assert.Equal(".references(() => posts.id, { onDelete: \"cascade\" })", f.After);
    }

    [Fact]
    public void On_delete_unspecified_in_sql_is_an_alter_table()
    {
        var f = Single("fk-on-delete-unspecified", "db/schema.sql", SqlLikes);

        SpeaksSql(f);
        Assert.Contains("ON DELETE CASCADE", f.Recommendation, StringComparison.Ordinal);
        Assert.Equal("ALTER TABLE post_likes\n  DROP CONSTRAINT post_likes_post_id_fkey,\n"
            + "  ADD CONSTRAINT post_likes_post_id_fkey FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE;", f.After);
    }

    [Fact]
    public void On_delete_unspecified_in_a_live_database_is_a_migration_to_write()
    {
        var schema = new Schema { SourceKind = SchemaSourceKind.LiveDatabase, Dialect = "postgresql" };
        var posts = new Table { Name = "posts", Span = SourceSpan.At("postgresql://app@db/shop#public.posts", 0, 0) };
        posts.Columns.Add(new Column { Name = "id", Type = LogicalType.Int32, Nullable = false, IsPrimaryKey = true });
        var likes = new Table { Name = "post_likes", Span = SourceSpan.At("postgresql://app@db/shop#public.post_likes", 0, 0) };
        likes.Columns.Add(new Column { Name = "post_id", Type = LogicalType.Int32, Nullable = false });
        var fk = new ForeignKey { Name = "post_likes_post_fk", TargetTable = "posts", Span = likes.Span };
        fk.Columns.Add("post_id");
        fk.TargetColumns.Add("id");
        likes.ForeignKeys.Add(fk);
        schema.Tables.AddRange([posts, likes]);

        var f = Assert.Single(AuditEngine.RunRules(schema, [RuleRegistry.Find("fk-on-delete-unspecified")!], AuditConfig.Default));

        SpeaksSql(f);
        Assert.Equal("sql", f.SnippetLanguage); // the path has no extension to take a fence language from
        Assert.Contains("DROP CONSTRAINT post_likes_post_fk", f.After, StringComparison.Ordinal);
        Assert.Contains("ON DELETE CASCADE", f.After, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_index_keeps_the_sqlalchemy_advice()
    {
        var f = Single("fk-missing-index", "app/models.py", SqlAlchemyLikes);

        Assert.Equal("Add `index=True` to `post_id` (or an `Index(\"ix_post_likes_post_id\", \"post_id\")`).", f.Recommendation);
        Assert.Equal("post_id = mapped_column(ForeignKey(\"posts.id\"))", f.Before);
        Assert.Equal("post_id = mapped_column(ForeignKey(\"posts.id\"), index=True)", f.After);
    }

    [Fact]
    public void Missing_index_in_drizzle_is_an_index_on_the_table()
    {
        var f = Single("fk-missing-index", "src/db/schema.ts", DrizzleLikes);

        SpeaksDrizzle(f);
        Assert.Equal("index(\"post_likes_post_id_idx\").on(t.postId)", f.After);
        Assert.Contains("(t) => [...]", f.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_index_in_sql_is_created_concurrently()
    {
        var f = Single("fk-missing-index", "db/schema.sql", SqlLikes);

        SpeaksSql(f);
        Assert.Equal("CREATE INDEX CONCURRENTLY ix_post_likes_post_id ON post_likes (post_id);", f.After);
    }

    [Fact]
    public void Missing_index_on_sqlite_is_a_plain_create_index()
    {
        var f = Single("fk-missing-index", "db/schema.sql", """
            CREATE TABLE posts (id INTEGER PRIMARY KEY AUTOINCREMENT);
            CREATE TABLE post_likes (id INTEGER PRIMARY KEY AUTOINCREMENT, post_id INTEGER NOT NULL REFERENCES posts (id));
            """);

        SpeaksSql(f);
        Assert.Equal("CREATE INDEX ix_post_likes_post_id ON post_likes (post_id);", f.After);
        Assert.DoesNotContain("CONCURRENTLY", f.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_null_on_not_null_keeps_the_sqlalchemy_advice()
    {
        var f = Single("fk-set-null-not-null", "app/models.py", SqlAlchemyLikes.Replace(
            "mapped_column(ForeignKey(\"posts.id\"))", "mapped_column(ForeignKey(\"posts.id\", ondelete=\"SET NULL\"), nullable=False)", StringComparison.Ordinal));

        Assert.Equal("Make `post_id` nullable (`nullable=True`, annotation `X | None`) to keep the `post_likes` row, "
            + "or use `ondelete=\"CASCADE\"` to delete it, or `\"RESTRICT\"` to forbid deleting the parent.", f.Recommendation);
    }

    [Fact]
    public void Set_null_on_not_null_in_drizzle_names_notNull_and_onDelete()
    {
        var f = Single("fk-set-null-not-null", "src/db/schema.ts", DrizzleLikes.Replace(
            ".references(() => posts.id)", ".references(() => posts.id, { onDelete: \"set null\" })", StringComparison.Ordinal));

        SpeaksDrizzle(f);
        Assert.Equal("Make `postId` nullable (remove `.notNull()`) to keep the `post_likes` row, "
            + "or use `onDelete: \"cascade\"` to delete it, or `\"restrict\"` to forbid deleting the parent.", f.Recommendation);
    }

    [Fact]
    public void Set_null_on_not_null_in_sql_drops_not_null()
    {
        var f = Single("fk-set-null-not-null", "db/schema.sql", SqlLikes.Replace(
            "REFERENCES posts (id)", "REFERENCES posts (id) ON DELETE SET NULL", StringComparison.Ordinal));

        SpeaksSql(f);
        Assert.Contains("ON DELETE CASCADE", f.Recommendation, StringComparison.Ordinal);
        Assert.Equal("ALTER TABLE post_likes ALTER COLUMN post_id DROP NOT NULL;", f.After);
    }

    [Fact]
    public void An_alembic_migration_gets_sql_snippets_in_a_sql_fence()
    {
        var migration = """
            from alembic import op
            import sqlalchemy as sa

            revision = "0001"
            down_revision = None


            def upgrade():
                op.create_table("posts", sa.Column("id", sa.Integer(), primary_key=True))
                op.create_table(
                    "post_likes",
                    sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id"), nullable=False),
                )
            """;
        var views = SchemaAudit.Pipeline.AuditRunner.BuildViews([new SchemaAudit.Discovery.SourceFile("/p/migrations/versions/0001_init.py", "migrations/versions/0001_init.py", migration)]);
        var view = Assert.Single(views, v => v.SourceKind == SchemaSourceKind.Migrations);

        var f = Assert.Single(AuditEngine.RunRules(view, [RuleRegistry.Find("fk-missing-index")!], AuditConfig.Default));

        SpeaksSql(f);
        Assert.Equal("sql", f.SnippetLanguage);
        Assert.Equal("CREATE INDEX CONCURRENTLY ix_post_likes_post_id ON post_likes (post_id);", f.After);
    }

    [Fact]
    public void A_live_database_finding_is_fenced_as_sql_in_the_markdown_report()
    {
        var schema = new Schema { SourceKind = SchemaSourceKind.LiveDatabase, Dialect = "postgresql" };
        var posts = new Table { Name = "posts", Span = SourceSpan.At("postgresql://app@db/shop#public.posts", 0, 0) };
        posts.Columns.Add(new Column { Name = "id", Type = LogicalType.Int32, Nullable = false, IsPrimaryKey = true });
        posts.PrimaryKey = new PrimaryKey { Columns = { "id" }, Span = posts.Span };
        var likes = new Table { Name = "post_likes", Span = SourceSpan.At("postgresql://app@db/shop#public.post_likes", 0, 0) };
        likes.Columns.Add(new Column { Name = "post_id", Type = LogicalType.Int32, Nullable = false, IsPrimaryKey = true });
        likes.PrimaryKey = new PrimaryKey { Columns = { "post_id" }, Span = likes.Span };
        var fk = new ForeignKey { Name = "post_likes_post_fk", TargetTable = "posts", Span = likes.Span };
        fk.Columns.Add("post_id");
        fk.TargetColumns.Add("id");
        likes.ForeignKeys.Add(fk);
        schema.Tables.AddRange([posts, likes]);

        var result = SchemaAudit.Pipeline.AuditRunner.Audit([schema], "shop", AuditConfig.Default);
        var markdown = SchemaAudit.Tests.Reporting.ReportOutput.Render(new SchemaAudit.Reporting.MarkdownReporter(), result);

        Assert.Contains(result.Findings, f => f.RuleId == "fk-on-delete-unspecified");
        Assert.Contains("```sql\nALTER TABLE post_likes", markdown.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("```python", markdown, StringComparison.Ordinal);
    }
}
