using static SchemaAudit.Tests.Rules.SourceLanguageAdvice.FixAudit;

namespace SchemaAudit.Tests.Rules.SourceLanguageAdvice;

/// <summary>Redundant and missing indexes, implied references, column types and secrets, in each source's syntax.</summary>
public sealed class IndexAndReferenceAdviceTests
{
    [Fact]
    public void Redundant_column_flag_in_drizzle_is_unique_call()
    {
        var f = Single("index-redundant", "src/db/schema.ts", """
            import { integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";

            export const users = pgTable("users", {
              id: integer("id").primaryKey(),
              email: text("email").notNull().unique(),
            }, (t) => [uniqueIndex("users_email_uidx").on(t.email)]);
            """);

        SpeaksDrizzle(f);
        Assert.DoesNotContain("unique=True", f.Message + f.Recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public void Redundant_index_in_sql_is_dropped_by_a_migration()
    {
        var f = Single("index-redundant", "db/schema.sql", """
            CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);
            CREATE UNIQUE INDEX users_email_uidx ON users (email);
            CREATE INDEX users_email_idx ON users (email);
            """);

        SpeaksSql(f);
        Assert.Equal("DROP INDEX CONCURRENTLY users_email_idx;", f.After);
    }

    [Fact]
    public void Implied_reference_per_language()
    {
        var sa = Single("implied-fk-missing", "app/models.py", """
            from sqlalchemy import String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Account(Base):
                __tablename__ = "accounts"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Invoice(Base):
                __tablename__ = "invoices"
                id: Mapped[int] = mapped_column(primary_key=True)
                account_id: Mapped[int] = mapped_column(index=True)
                number: Mapped[str] = mapped_column(String(20))
            """);
        var drizzle = Single("implied-fk-missing", "src/db/schema.ts", """
            import { integer, pgTable, text } from "drizzle-orm/pg-core";

            export const accounts = pgTable("accounts", { id: integer("id").primaryKey() });
            export const invoices = pgTable("invoices", {
              id: integer("id").primaryKey(),
              accountId: integer("account_id").notNull(),
              number: text("number").notNull(),
            });
            """);
        var sql = Single("implied-fk-missing", "db/schema.sql", """
            CREATE TABLE accounts (id integer PRIMARY KEY);
            CREATE TABLE invoices (id integer PRIMARY KEY, account_id integer NOT NULL, number text NOT NULL);
            """);

        SpeaksSqlAlchemy(sa);
        Assert.Equal("ForeignKey(\"accounts.id\", ondelete=\"SET NULL\")", sa.After);
        SpeaksDrizzle(drizzle);
        Assert.Equal(".references(() => accounts.id, { onDelete: \"set null\" })", drizzle.After);
        SpeaksSql(sql);
        Assert.Equal("ALTER TABLE invoices\n  ADD CONSTRAINT invoices_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE SET NULL;", sql.After);
    }

    [Fact]
    public void Gin_and_pattern_ops_indexes_per_language()
    {
        var drizzle = Run("jsonb-no-gin", "src/db/schema.ts", """
            import { integer, jsonb, pgTable, text, index } from "drizzle-orm/pg-core";

            export const documents = pgTable("documents", {
              id: integer("id").primaryKey(),
              tags: jsonb("tags").notNull(),
              path: text("path").notNull(),
            }, (t) => [index("documents_path_idx").on(t.path)]);
            """);
        var sql = Run("jsonb-no-gin", "db/schema.sql", """
            CREATE TABLE documents (id bigserial PRIMARY KEY, tags jsonb NOT NULL, path text NOT NULL);
            CREATE INDEX documents_path_idx ON documents (path);
            """);
        var drizzlePrefix = Run("like-prefix-no-pattern-ops", "src/db/schema.ts", """
            import { integer, pgTable, text, index } from "drizzle-orm/pg-core";

            export const documents = pgTable("documents", {
              id: integer("id").primaryKey(),
              path: text("path").notNull(),
            }, (t) => [index("documents_path_idx").on(t.path)]);
            """);
        var sqlPrefix = Run("like-prefix-no-pattern-ops", "db/schema.sql", """
            CREATE TABLE documents (id bigserial PRIMARY KEY, path text NOT NULL);
            CREATE INDEX documents_path_idx ON documents (path);
            """);

        var gin = Assert.Single(drizzle);
        SpeaksDrizzle(gin);
        Assert.Equal("index(\"documents_tags_gin_idx\").using(\"gin\", t.tags)", gin.After);
        var sqlGin = Assert.Single(sql);
        SpeaksSql(sqlGin);
        Assert.Equal("CREATE INDEX CONCURRENTLY ix_documents_tags_gin ON documents USING gin (tags);", sqlGin.After);
        var prefix = Assert.Single(drizzlePrefix);
        SpeaksDrizzle(prefix);
        Assert.Equal("index(\"documents_path_prefix_idx\").on(t.path.op(\"text_pattern_ops\"))", prefix.After);
        var sqlPrefixFinding = Assert.Single(sqlPrefix);
        SpeaksSql(sqlPrefixFinding);
        Assert.Equal("CREATE INDEX CONCURRENTLY ix_documents_path_prefix ON documents (path text_pattern_ops);", sqlPrefixFinding.After);
    }

    [Fact]
    public void Naive_timestamp_per_language()
    {
        var drizzle = Single("naive-utc-timestamp", "src/db/schema.ts", """
            import { integer, pgTable, timestamp } from "drizzle-orm/pg-core";

            export const events = pgTable("events", {
              id: integer("id").primaryKey(),
              occurredAt: timestamp("occurred_at").notNull(),
            });
            """);
        var sql = Single("naive-utc-timestamp", "db/schema.sql", """
            CREATE TABLE events (id bigserial PRIMARY KEY, occurred_at timestamp NOT NULL);
            """);

        SpeaksDrizzle(drizzle);
        Assert.Equal("timestamp({ withTimezone: true })", drizzle.After);
        SpeaksSql(sql);
        Assert.Equal("ALTER TABLE events ALTER COLUMN occurred_at TYPE timestamptz USING occurred_at AT TIME ZONE 'UTC';", sql.After);
    }

    [Fact]
    public void Plaintext_secret_advice_names_no_python_library_outside_python()
    {
        var drizzle = Single("plaintext-secret-column", "src/db/schema.ts", """
            import { integer, pgTable, text } from "drizzle-orm/pg-core";

            export const clients = pgTable("clients", {
              id: integer("id").primaryKey(),
              clientSecret: text("client_secret").notNull(),
            });
            """);
        var sql = Single("plaintext-secret-column", "db/schema.sql", "CREATE TABLE clients (id integer PRIMARY KEY, client_secret text NOT NULL);");

        foreach (var f in new[] { drizzle, sql })
        {
            Assert.DoesNotContain("sqlalchemy", f.Recommendation, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("TypeDecorator", f.Recommendation, StringComparison.Ordinal);
        }
        SpeaksDrizzle(drizzle);
        SpeaksSql(sql);
    }

    [Fact]
    public void Missing_target_in_sql_names_references()
    {
        var f = Single("fk-target-missing", "db/schema.sql", "CREATE TABLE likes (id integer PRIMARY KEY, post_id integer REFERENCES posts (id) ON DELETE CASCADE);");

        SpeaksSql(f);
        Assert.Contains("`REFERENCES posts`", f.Recommendation, StringComparison.Ordinal);
    }
}
