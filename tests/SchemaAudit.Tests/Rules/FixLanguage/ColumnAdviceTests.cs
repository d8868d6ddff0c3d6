using static SchemaAudit.Tests.Rules.SourceLanguageAdvice.FixAudit;

namespace SchemaAudit.Tests.Rules.SourceLanguageAdvice;

/// <summary>Column-level remedies (nullability, defaults, on-update, types, new columns) in each source's syntax.</summary>
public sealed class ColumnAdviceTests
{
    private const string SqlAlchemyHeader = """
        from datetime import datetime

        from sqlalchemy import DateTime, String, JSON
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


        class Base(DeclarativeBase):
            pass


        """;

    private const string DrizzleHeader = """
        import { boolean, integer, json, pgTable, text, timestamp } from "drizzle-orm/pg-core";


        """;

    [Fact]
    public void Nullability_mismatch_in_drizzle_talks_about_type_and_notNull()
    {
        var f = Single("orm-nullability-mismatch", "src/db/schema.ts", DrizzleHeader + """
            export const accounts = pgTable("accounts", {
              id: integer("id").primaryKey(),
              displayName: text("display_name").$type<string | null>().notNull(),
            });
            """);

        SpeaksDrizzle(f);
        Assert.Contains("`$type<string | null>()`", f.Message, StringComparison.Ordinal);
        Assert.Contains("`.notNull()`", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("None", f.Message + f.Recommendation, StringComparison.Ordinal);
        Assert.Equal("Type `displayName` as `$type<string>()`, or remove `.notNull()` if the value is optional.", f.Recommendation);
        Assert.Equal("$type<string | null>()", f.Before);
        Assert.Equal("$type<string>()", f.After);
    }

    [Fact]
    public void Nullability_mismatch_keeps_the_sqlalchemy_advice()
    {
        var f = Single("orm-nullability-mismatch", "app/models.py", SqlAlchemyHeader + """
            class Account(Base):
                __tablename__ = "accounts"
                id: Mapped[int] = mapped_column(primary_key=True)
                display_name: Mapped[str | None] = mapped_column(String(80), nullable=False)
            """);

        Assert.Equal("Annotate `display_name` as `Mapped[str]`, or declare it `nullable=True` if the value is optional.", f.Recommendation);
        Assert.Equal("display_name: Mapped[str]", f.After);
    }

    [Fact]
    public void Updated_at_in_drizzle_is_onUpdate()
    {
        var f = Single("updated-at-never-updates", "src/db/schema.ts", DrizzleHeader + """
            export const parts = pgTable("parts", {
              id: integer("id").primaryKey(),
              updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
            });
            """);

        SpeaksDrizzle(f);
        Assert.Contains("`$onUpdate`", f.Message, StringComparison.Ordinal);
        Assert.Equal("Add `.$onUpdate(() => new Date())` to `updatedAt` (or maintain it in a database trigger).", f.Recommendation);
        Assert.Equal(".$onUpdate(() => new Date())", f.After);
    }

    [Fact]
    public void Updated_at_keeps_the_sqlalchemy_advice()
    {
        var f = Single("updated-at-never-updates", "app/models.py", SqlAlchemyHeader + """
            class Part(Base):
                __tablename__ = "parts"
                id: Mapped[int] = mapped_column(primary_key=True)
                updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=datetime.now)
            """);

        Assert.Equal("Add `onupdate=func.now()` to `updated_at` (or maintain it in a `before_update` listener or a trigger).", f.Recommendation);
        Assert.Equal("updated_at: Mapped[datetime] = mapped_column(..., onupdate=func.now())", f.After);
    }

    [Fact]
    public void Updated_at_in_sql_is_a_trigger()
    {
        // A trigger on one table shows the schema's triggers were read; the other table has none.
        var f = Single("updated-at-never-updates", "db/schema.sql", """
            CREATE TABLE notes (id integer PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE parts (id integer PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now());
            CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END; $$ LANGUAGE plpgsql;
            CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();
            """);

        SpeaksSql(f);
        Assert.Equal("parts", f.Table);
        Assert.Contains("CREATE TRIGGER parts_set_updated_at BEFORE UPDATE ON parts", f.After, StringComparison.Ordinal);
        Assert.Contains("NEW.updated_at := now();", f.After, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_timestamp_without_default_per_language()
    {
        var sa = Single("audit-timestamp-nullable", "app/models.py", SqlAlchemyHeader + """
            class Note(Base):
                __tablename__ = "notes"
                id: Mapped[int] = mapped_column(primary_key=True)
                created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
            """);
        var drizzle = Single("audit-timestamp-nullable", "src/db/schema.ts", DrizzleHeader + """
            export const notes = pgTable("notes", {
              id: integer("id").primaryKey(),
              createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
            });
            """);
        var sql = Single("audit-timestamp-nullable", "db/schema.sql", """
            CREATE TABLE notes (id integer PRIMARY KEY, created_at timestamptz NOT NULL);
            """);

        Assert.Equal("Give `created_at` `server_default=func.now()`.", sa.Recommendation);
        SpeaksDrizzle(drizzle);
        Assert.Equal("Add `.defaultNow()` to `createdAt`.", drizzle.Recommendation);
        SpeaksSql(sql);
        Assert.Equal("ALTER TABLE notes ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP;", sql.After);
    }

    [Fact]
    public void Nullable_audit_timestamp_in_sql_gets_default_and_not_null()
    {
        var f = Single("audit-timestamp-nullable", "db/schema.sql", "CREATE TABLE notes (id integer PRIMARY KEY, created_at timestamptz);");

        SpeaksSql(f);
        Assert.Equal("ALTER TABLE notes ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP;\n"
            + "ALTER TABLE notes ALTER COLUMN created_at SET NOT NULL;", f.After);
    }

    [Fact]
    public void Json_column_per_language()
    {
        var sa = Single("json-not-jsonb", "app/models.py", SqlAlchemyHeader.Replace("from sqlalchemy.orm", "from sqlalchemy.dialects.postgresql import UUID\nfrom sqlalchemy.orm", StringComparison.Ordinal) + """
            class Part(Base):
                __tablename__ = "parts"
                id: Mapped[int] = mapped_column(primary_key=True)
                data: Mapped[dict] = mapped_column(JSON, nullable=False)
            """);
        var drizzle = Single("json-not-jsonb", "src/db/schema.ts", DrizzleHeader + """
            export const parts = pgTable("parts", {
              id: integer("id").primaryKey(),
              data: json("data").notNull(),
            });
            """);
        var sql = Single("json-not-jsonb", "db/schema.sql", "CREATE TABLE parts (id serial PRIMARY KEY, data json NOT NULL);");

        SpeaksSqlAlchemy(sa);
        Assert.Equal("JSONB", sa.After);
        SpeaksDrizzle(drizzle);
        Assert.Equal(("json()", "jsonb()"), (drizzle.Before, drizzle.After));
        SpeaksSql(sql);
        Assert.Equal("ALTER TABLE parts ALTER COLUMN data TYPE jsonb USING data::jsonb;", sql.After);
    }

    [Fact]
    public void Deactivation_flag_per_language()
    {
        var sa = Single("no-deactivation-flag", "app/models.py", SqlAlchemyHeader + """
            class Account(Base):
                __tablename__ = "accounts"
                id: Mapped[int] = mapped_column(primary_key=True)
                email: Mapped[str] = mapped_column(String(320))
            """);
        var drizzle = Single("no-deactivation-flag", "src/db/schema.ts", DrizzleHeader + """
            export const accounts = pgTable("accounts", {
              id: integer("id").primaryKey(),
              email: text("email").notNull(),
            });
            """);
        var sql = Single("no-deactivation-flag", "db/schema.sql", "CREATE TABLE accounts (id integer PRIMARY KEY, email text NOT NULL);");

        SpeaksSqlAlchemy(sa);
        Assert.StartsWith("enabled: Mapped[bool] = mapped_column(server_default=true())", sa.After, StringComparison.Ordinal);
        SpeaksDrizzle(drizzle);
        Assert.Equal("enabled: boolean().notNull().default(true),", drizzle.After);
        SpeaksSql(sql);
        Assert.Equal("ALTER TABLE accounts ADD COLUMN enabled boolean NOT NULL DEFAULT true;", sql.After);
    }

    [Fact]
    public void Soft_delete_column_per_language()
    {
        var sa = Single("no-soft-delete", "app/models.py", SqlAlchemyHeader.Replace("from sqlalchemy import", "from sqlalchemy import ForeignKey,", StringComparison.Ordinal) + """
            class Session(Base):
                __tablename__ = "sessions"
                id: Mapped[int] = mapped_column(primary_key=True)


            class Message(Base):
                __tablename__ = "messages"
                id: Mapped[int] = mapped_column(primary_key=True)
                session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
                body: Mapped[str] = mapped_column(String(4000))
            """);
        var drizzle = Single("no-soft-delete", "src/db/schema.ts", DrizzleHeader + """
            export const sessions = pgTable("sessions", {
              id: integer("id").primaryKey(),
            });

            export const messages = pgTable("messages", {
              id: integer("id").primaryKey(),
              sessionId: integer("session_id").notNull().references(() => sessions.id, { onDelete: "cascade" }),
              body: text("body").notNull(),
            });
            """);

        Assert.Equal("Add `deleted_at = mapped_column(DateTime(timezone=True), nullable=True)` to `Session`, set it instead of deleting, "
            + "and filter it in queries; purge old soft-deleted rows in a scheduled job.", sa.Recommendation);
        SpeaksDrizzle(drizzle);
        Assert.Equal("deletedAt: timestamp(\"deleted_at\", { withTimezone: true }),", drizzle.After);
        Assert.Contains("to `sessions`", drizzle.Recommendation, StringComparison.Ordinal);
    }
}
