using SchemaAudit.Model;
using SchemaAudit.Rules;
using static SchemaAudit.Tests.Rules.SourceLanguageAdvice.FixAudit;

namespace SchemaAudit.Tests.Rules.SourceLanguageAdvice;

/// <summary>Keys and indexes (primary, unique, partial unique, retention index) in each source's syntax.</summary>
public sealed class KeyAdviceTests
{
    [Fact]
    public void Link_table_unique_per_language()
    {
        var sa = Single("link-table-no-unique", "app/models.py", """
            from sqlalchemy import ForeignKey
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Post(Base):
                __tablename__ = "posts"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Tag(Base):
                __tablename__ = "tags"
                id: Mapped[int] = mapped_column(primary_key=True)


            class PostTag(Base):
                __tablename__ = "post_tags"
                id: Mapped[int] = mapped_column(primary_key=True)
                post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
                tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), index=True)
            """);
        var drizzle = Single("link-table-no-unique", "src/db/schema.ts", """
            import { index, integer, pgTable } from "drizzle-orm/pg-core";

            export const posts = pgTable("posts", { id: integer("id").primaryKey() });
            export const tags = pgTable("tags", { id: integer("id").primaryKey() });
            export const postTags = pgTable("post_tags", {
              id: integer("id").primaryKey(),
              postId: integer("post_id").notNull().references(() => posts.id, { onDelete: "cascade" }),
              tagId: integer("tag_id").notNull().references(() => tags.id, { onDelete: "cascade" }),
            });
            """);
        var sql = Single("link-table-no-unique", "db/schema.sql", """
            CREATE TABLE posts (id integer PRIMARY KEY);
            CREATE TABLE tags (id integer PRIMARY KEY);
            CREATE TABLE post_tags (
                id integer PRIMARY KEY,
                post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
                tag_id integer NOT NULL REFERENCES tags (id) ON DELETE CASCADE
            );
            """);

        Assert.Equal("Add `UniqueConstraint(\"post_id\", \"tag_id\")` to `post_tags` (or make these columns its composite primary key).", sa.Recommendation);
        Assert.Equal("__table_args__ = (UniqueConstraint(\"post_id\", \"tag_id\"),)", sa.After);
        SpeaksDrizzle(drizzle);
        Assert.Equal("unique(\"post_tags_post_id_tag_id_key\").on(t.postId, t.tagId)", drizzle.After);
        SpeaksSql(sql);
        Assert.Equal("ALTER TABLE post_tags ADD CONSTRAINT post_tags_post_id_tag_id_key UNIQUE (post_id, tag_id);", sql.After);
    }

    [Fact]
    public void Unique_ignoring_soft_delete_is_a_partial_unique_index_per_language()
    {
        var sa = Single("unique-ignores-soft-delete", "app/models.py", """
            from datetime import datetime

            from sqlalchemy import DateTime, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class User(Base):
                __tablename__ = "users"
                id: Mapped[int] = mapped_column(primary_key=True)
                email: Mapped[str] = mapped_column(String(320), unique=True)
                deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
            """);
        var drizzle = Single("unique-ignores-soft-delete", "src/db/schema.ts", """
            import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

            export const users = pgTable("users", {
              id: integer("id").primaryKey(),
              email: text("email").notNull().unique(),
              deletedAt: timestamp("deleted_at", { withTimezone: true }),
            });
            """);
        var sql = Single("unique-ignores-soft-delete", "db/schema.sql", """
            CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE, deleted_at timestamptz);
            """);

        SpeaksSqlAlchemy(sa);
        Assert.Equal("Index(\"users_email_live\", \"email\", unique=True, postgresql_where=text(\"deleted_at IS NULL\"))", sa.After);
        SpeaksDrizzle(drizzle);
        Assert.Equal("uniqueIndex(\"users_email_live\").on(t.email).where(sql`deleted_at IS NULL`)", drizzle.After);
        SpeaksSql(sql);
        Assert.Equal("CREATE UNIQUE INDEX CONCURRENTLY users_email_live ON users (email) WHERE deleted_at IS NULL;", sql.After);
    }

    [Fact]
    public void Unique_over_nullable_column_names_nulls_not_distinct_per_language()
    {
        var sa = Single("unique-nullable-column", "app/models.py", """
            from sqlalchemy import String, UniqueConstraint
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Org(Base):
                __tablename__ = "orgs"
                __table_args__ = (UniqueConstraint("owner", "slug"),)
                id: Mapped[int] = mapped_column(primary_key=True)
                owner: Mapped[str] = mapped_column(String(40))
                slug: Mapped[str | None] = mapped_column(String(40))
            """);
        var drizzle = Single("unique-nullable-column", "src/db/schema.ts", """
            import { integer, pgTable, text, unique } from "drizzle-orm/pg-core";

            export const orgs = pgTable("orgs", {
              id: integer("id").primaryKey(),
              owner: text("owner").notNull(),
              slug: text("slug"),
            }, (t) => [unique("orgs_owner_slug_uq").on(t.owner, t.slug)]);
            """);
        var sql = Single("unique-nullable-column", "db/schema.sql", """
            CREATE TABLE orgs (id integer PRIMARY KEY, owner text NOT NULL, slug text, UNIQUE (owner, slug));
            """);

        Assert.Equal("Make `slug` NOT NULL, or declare the key NULLS NOT DISTINCT (`postgresql_nulls_not_distinct=True`, PostgreSQL 15+), "
            + "or add a partial unique index for rows where `slug` is NULL.", sa.Recommendation);
        SpeaksDrizzle(drizzle);
        Assert.Contains("`.nullsNotDistinct()`", drizzle.Recommendation, StringComparison.Ordinal);
        SpeaksSql(sql);
        Assert.Contains("`UNIQUE NULLS NOT DISTINCT`", sql.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_index_per_language()
    {
        var sa = Single("unbounded-growth-table", "app/models.py", """
            from datetime import datetime

            from sqlalchemy import DateTime, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class AuditLog(Base):
                __tablename__ = "audit_logs"
                id: Mapped[int] = mapped_column(primary_key=True)
                action: Mapped[str] = mapped_column(String(40))
                created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
            """);
        var drizzle = Single("unbounded-growth-table", "src/db/schema.ts", """
            import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

            export const auditLogs = pgTable("audit_logs", {
              id: integer("id").primaryKey(),
              action: text("action").notNull(),
              createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
            });
            """);
        var sql = Single("unbounded-growth-table", "db/schema.sql", """
            CREATE TABLE audit_logs (id integer PRIMARY KEY, action text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            """);

        SpeaksSqlAlchemy(sa);
        Assert.Equal("Index(\"ix_audit_logs_created_at\", \"created_at\")", sa.After);
        SpeaksDrizzle(drizzle);
        Assert.Equal("index(\"audit_logs_created_at_idx\").on(t.createdAt)", drizzle.After);
        SpeaksSql(sql);
        Assert.Equal("CREATE INDEX CONCURRENTLY ix_audit_logs_created_at ON audit_logs (created_at);", sql.After);
    }

    [Fact]
    public void Missing_primary_key_per_language()
    {
        var sa = Single("table-no-primary-key", "app/models.py", """
            from sqlalchemy import Column, Integer, String, Table
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()

            settings = Table("settings", Base.metadata, Column("name", String(40)), Column("value", Integer))
            """);
        var drizzle = Single("table-no-primary-key", "src/db/schema.ts", """
            import { integer, pgTable, text } from "drizzle-orm/pg-core";

            export const settings = pgTable("settings", { name: text("name"), value: integer("value") });
            """);
        var sql = Single("table-no-primary-key", "db/schema.sql", "CREATE TABLE settings (name text, value integer);");

        Assert.Equal("Add a primary key column (e.g. `id = mapped_column(Integer, primary_key=True)`).", sa.Recommendation);
        SpeaksDrizzle(drizzle);
        Assert.Contains("primaryKey()", drizzle.Recommendation, StringComparison.Ordinal);
        SpeaksSql(sql);
        Assert.Contains("ALTER TABLE settings ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", sql.Recommendation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SchemaSourceKind.OrmModels, "app/models.py", FixLanguage.SqlAlchemy)]
    [InlineData(SchemaSourceKind.OrmModels, "src/db/schema.ts", FixLanguage.Drizzle)]
    [InlineData(SchemaSourceKind.OrmModels, "src/db/schema.mts", FixLanguage.Drizzle)]
    [InlineData(SchemaSourceKind.OrmModels, "src/db/schema.js", FixLanguage.Drizzle)]
    [InlineData(SchemaSourceKind.OrmModels, "Data/AppDb.cs", FixLanguage.Sql)]
    [InlineData(SchemaSourceKind.OrmModels, "", FixLanguage.Sql)]
    [InlineData(SchemaSourceKind.Migrations, "migrations/versions/0001_init.py", FixLanguage.Sql)]
    [InlineData(SchemaSourceKind.Migrations, "drizzle/0000_init.sql", FixLanguage.Sql)]
    [InlineData(SchemaSourceKind.SqlDdl, "db/schema.sql", FixLanguage.Sql)]
    [InlineData(SchemaSourceKind.LiveDatabase, "postgresql://app@db:5432/shop#public.users", FixLanguage.Sql)]
    public void Language_follows_the_view_then_the_extension(SchemaSourceKind kind, string path, FixLanguage expected)
    {
        var schema = new Schema { SourceKind = kind };

        Assert.Equal(expected, FixLanguages.Of(schema, SourceSpan.At(path, 1, 1)));
    }
}
