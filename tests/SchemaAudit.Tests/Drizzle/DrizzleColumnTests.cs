using SchemaAudit.Model;
using static SchemaAudit.Tests.Drizzle.DrizzleTestProject;

namespace SchemaAudit.Tests.Drizzle;

public sealed class DrizzleColumnTests
{
    private const string Schema = """
        import { sql } from "drizzle-orm";
        import * as pg from "drizzle-orm/pg-core";
        import { pgTable, uuid, text, varchar, integer, bigint, smallint, serial, bigserial, boolean, timestamp, date, time,
          interval, numeric, real, doublePrecision, json, jsonb, bytea, char } from "drizzle-orm/pg-core";

        export const things = pgTable("things", {
          id: uuid("id").primaryKey().defaultRandom(),
          title: text("title").notNull(),
          email: varchar("email", { length: 255 }).unique(),
          code: char("code", { length: 2 }),
          count: integer("count").default(0),
          big: bigint("big", { mode: "number" }),
          small: smallint("small"),
          seq: serial("seq"),
          bigSeq: bigserial("big_seq", { mode: "bigint" }),
          active: boolean("active").notNull().default(true),
          createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
          seenAt: timestamp("seen_at"),
          day: date("day"),
          at: time("at"),
          span: interval("span"),
          price: numeric("price", { precision: 10, scale: 2 }),
          ratio: real("ratio"),
          score: doublePrecision("score"),
          raw: json("raw"),
          data: jsonb("data").$type<{ a: string } | null>().notNull(),
          blob: bytea("blob"),
          tags: text("tags").array(),
          identity: integer("identity").generatedAlwaysAsIdentity(),
          ns: pg.text("ns"),
          updatedAt: timestamp("updated_at").$onUpdate(() => new Date()),
          token: text("token").$defaultFn(() => crypto.randomUUID()),
          rawDefault: timestamp("raw_default").default(sql`now()`),
          inferred: text(),
        });
        """;

    [Theory]
    [InlineData("id", LogicalType.Uuid)]
    [InlineData("title", LogicalType.Text)]
    [InlineData("email", LogicalType.Text)]
    [InlineData("code", LogicalType.Text)]
    [InlineData("count", LogicalType.Int32)]
    [InlineData("big", LogicalType.Int64)]
    [InlineData("small", LogicalType.Int16)]
    [InlineData("seq", LogicalType.Int32)]
    [InlineData("big_seq", LogicalType.Int64)]
    [InlineData("active", LogicalType.Bool)]
    [InlineData("created_at", LogicalType.TimestampTz)]
    [InlineData("seen_at", LogicalType.Timestamp)]
    [InlineData("day", LogicalType.Date)]
    [InlineData("at", LogicalType.Time)]
    [InlineData("span", LogicalType.Interval)]
    [InlineData("price", LogicalType.Decimal)]
    [InlineData("ratio", LogicalType.Float)]
    [InlineData("score", LogicalType.Float)]
    [InlineData("raw", LogicalType.Json)]
    [InlineData("data", LogicalType.Jsonb)]
    [InlineData("blob", LogicalType.Binary)]
    [InlineData("tags", LogicalType.Array)]
    [InlineData("ns", LogicalType.Text)]
    public void Builders_map_to_logical_types(string column, LogicalType expected) =>
        Assert.Equal(expected, ExtractClean(("schema.ts", Schema)).Table("things").Column(column).Type);

    [Fact]
    public void Each_column_points_at_its_own_line()
    {
        var table = ExtractClean(("schema.ts", Schema)).Table("things");
        foreach (var (key, name) in new[] { ("id", "id"), ("createdAt", "created_at"), ("data", "data"), ("inferred", "inferred") })
        {
            var column = table.Column(name);
            Assert.Equal(LineOf(Schema, $"  {key}: "), column.Span.Line);
            Assert.Equal("schema.ts", column.Span.Path);
            Assert.Equal(3, column.Span.Column);
        }
        Assert.Equal(LineOf(Schema, "export const things"), table.Span.Line);
    }

    [Fact]
    public void Nullability_primary_key_and_identity()
    {
        var table = ExtractClean(("schema.ts", Schema)).Table("things");
        Assert.False(table.Column("id").Nullable);
        Assert.True(table.Column("id").IsPrimaryKey);
        Assert.Equal(["id"], table.PrimaryKey!.Columns);
        Assert.False(table.Column("title").Nullable);
        Assert.True(table.Column("email").Nullable);
        Assert.False(table.Column("seq").Nullable);
        Assert.True(table.Column("seq").IsIdentity);
        Assert.True(table.Column("identity").IsIdentity);
        Assert.False(table.Column("identity").Nullable);
        Assert.Equal(255, table.Column("email").Length);
    }

    [Fact]
    public void Defaults_on_update_and_client_defaults()
    {
        var table = ExtractClean(("schema.ts", Schema)).Table("things");
        Assert.Equal(new DefaultValue("gen_random_uuid()", false, table.Column("id").ServerDefault!.Span), table.Column("id").ServerDefault);
        Assert.Equal("now()", table.Column("created_at").ServerDefault!.Expression);
        Assert.False(table.Column("created_at").ServerDefault!.IsRawSql);
        Assert.Equal("now()", table.Column("raw_default").ServerDefault!.Expression);
        Assert.False(table.Column("raw_default").ServerDefault!.IsRawSql);
        Assert.Equal("0", table.Column("count").ServerDefault!.Expression);
        Assert.Equal("true", table.Column("active").ServerDefault!.Expression);
        Assert.Equal("() => new Date()", table.Column("updated_at").OnUpdate);
        Assert.Null(table.Column("created_at").OnUpdate);
        Assert.Equal("() => crypto.randomUUID()", table.Column("token").ClientDefault);
    }

    [Fact]
    public void Orm_attribute_carries_key_type_annotation_and_explicit_not_null()
    {
        var table = ExtractClean(("schema.ts", Schema)).Table("things");
        var data = table.Column("data").Attribute!;
        Assert.Equal("data", data.Name);
        Assert.Equal("{ a: string } | null", data.Annotation);
        Assert.True(data.AnnotationNullable);
        Assert.True(data.NullableExplicit);
        Assert.False(table.Column("data").Nullable);
        var created = table.Column("created_at").Attribute!;
        Assert.Equal("createdAt", created.Name);
        Assert.Null(created.Annotation);
        Assert.Null(created.AnnotationNullable);
        Assert.False(table.Column("seen_at").Attribute!.NullableExplicit);
    }

    [Fact]
    public void Column_flag_unique_is_a_unique_constraint_named_like_drizzle_kit()
    {
        var unique = Assert.Single(ExtractClean(("schema.ts", Schema)).Table("things").UniqueConstraints);
        Assert.Equal(["email"], unique.Columns);
        Assert.True(unique.FromColumnFlag);
        Assert.Equal("things_email_unique", unique.Name);
        Assert.Equal(LineOf(Schema, "email: varchar"), unique.Span.Line);
    }

    [Fact]
    public void Entity_and_dialect()
    {
        var schema = ExtractClean(("schema.ts", Schema));
        Assert.Equal("postgresql", schema.Dialect);
        var entity = Assert.Single(schema.Entities);
        Assert.Equal("things", entity.Name);
        Assert.Equal("things", entity.TableName);
        Assert.Contains("createdAt", entity.AttributeNames);
        Assert.Same(entity, schema.Table("things").Entity);
    }

    [Fact]
    public void Snake_case_casing_from_drizzle_config_names_unnamed_columns()
    {
        const string config = """
            import { defineConfig } from "drizzle-kit";
            export default defineConfig({ dialect: "postgresql", casing: "snake_case", schema: "./schema.ts" });
            """;
        const string schema = """
            import { pgTable, text, uuid } from "drizzle-orm/pg-core";
            export const users = pgTable("users", { userId: uuid().primaryKey(), displayName: text(), HTTPRoute: text(), given: text("GivenName") });
            """;
        var table = ExtractClean(("drizzle.config.ts", config), ("schema.ts", schema)).Table("users");
        Assert.Equal(["user_id", "display_name", "http_route", "GivenName"], table.Columns.Select(c => c.Name));
        var unconfigured = ExtractClean(("schema.ts", schema)).Table("users");
        Assert.Equal(["userId", "displayName", "HTTPRoute", "GivenName"], unconfigured.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Casing_given_to_drizzle_client()
    {
        const string db = """
            import { drizzle } from "drizzle-orm/node-postgres";
            import * as schema from "./schema";
            export const db = drizzle(process.env.DATABASE_URL!, { schema, casing: "snake_case" });
            """;
        const string schema = """
            import { pgTable, text } from "drizzle-orm/pg-core";
            export const users = pgTable("users", { firstName: text() });
            """;
        Assert.Equal("first_name", ExtractClean(("db.ts", db), ("schema.ts", schema)).Table("users").Columns[0].Name);
    }

    [Fact]
    public void Enums_from_pgEnum()
    {
        const string source = """
            import { pgEnum, pgTable, text } from "drizzle-orm/pg-core";
            export const statusValues = ["open", "closed"] as const;
            export const status = pgEnum("ticket_status", statusValues);
            export const tickets = pgTable("tickets", { state: status("state").notNull(), other: status() });
            """;
        var schema = ExtractClean(("schema.ts", source));
        var enumType = Assert.Single(schema.Enums);
        Assert.Equal("ticket_status", enumType.Name);
        Assert.Equal(["open", "closed"], enumType.Values);
        Assert.Equal(3, enumType.Span.Line);
        var state = schema.Table("tickets").Column("state");
        Assert.Equal(LogicalType.Enum, state.Type);
        Assert.Equal("ticket_status", state.EnumName);
        Assert.Equal("other", schema.Table("tickets").Columns[1].Name);
    }

    [Fact]
    public void Pg_schema_tables_and_columns_callback_form()
    {
        const string source = """
            import { pgSchema } from "drizzle-orm/pg-core";
            export const auth = pgSchema("auth");
            export const sessions = auth.table("sessions", (t) => ({ id: t.uuid().primaryKey(), expiresAt: t.timestamp({ withTimezone: true }) }));
            """;
        var table = ExtractClean(("schema.ts", source)).Table("sessions");
        Assert.Equal("auth", table.SchemaName);
        Assert.Equal(LogicalType.Uuid, table.Column("id").Type);
        Assert.Equal(LogicalType.TimestampTz, table.Column("expiresAt").Type);
    }

    [Fact]
    public void Sqlite_and_mysql_builders()
    {
        const string sqlite = """
            import { sqliteTable, integer, text, blob } from "drizzle-orm/sqlite-core";
            export const s = sqliteTable("s", {
              id: integer("id").primaryKey({ autoIncrement: true }),
              at: integer("at", { mode: "timestamp" }),
              flag: integer("flag", { mode: "boolean" }),
              doc: text("doc", { mode: "json" }),
              bin: blob("bin"),
            });
            """;
        var s = ExtractClean(("s.ts", sqlite));
        Assert.Equal("sqlite", s.Dialect);
        var table = s.Table("s");
        Assert.True(table.Column("id").IsIdentity);
        Assert.Equal([LogicalType.Int32, LogicalType.Timestamp, LogicalType.Bool, LogicalType.Json, LogicalType.Binary], table.Columns.Select(c => c.Type));

        const string mysql = """
            import { mysqlTable, int, varchar, datetime, mysqlEnum, json } from "drizzle-orm/mysql-core";
            export const m = mysqlTable("m", {
              id: int("id").primaryKey().autoincrement(),
              name: varchar("name", { length: 40 }),
              at: datetime("at"),
              kind: mysqlEnum("kind", ["a", "b"]),
              doc: json("doc"),
            });
            """;
        var m = ExtractClean(("m.ts", mysql));
        Assert.Equal("mysql", m.Dialect);
        Assert.Equal([LogicalType.Int32, LogicalType.Text, LogicalType.Timestamp, LogicalType.Enum, LogicalType.Json], m.Table("m").Columns.Select(c => c.Type));
        Assert.True(m.Table("m").Column("id").IsIdentity);
    }

    [Fact]
    public void Unknown_builders_and_junk_become_diagnostics_naming_file_and_line()
    {
        const string source = """
            import { pgTable, text } from "drizzle-orm/pg-core";
            import { vectorish } from "./custom";
            export const t = pgTable("t", {
              ok: text("ok"),
              weird: vectorish("weird"),
              notACall: 42,
            });
            """;
        var schema = Extract(("schema.ts", source));
        Assert.Equal(["ok"], schema.Table("t").Columns.Select(c => c.Name));
        Assert.Contains(schema.Diagnostics, d => d.Span.Line == 5 && d.Message.Contains("vectorish", StringComparison.Ordinal));
        Assert.Contains(schema.Diagnostics, d => d.Span.Line == 6 && d.Span.Path == "schema.ts");
    }

    [Fact]
    public void Syntax_errors_are_diagnostics_and_the_rest_of_the_file_is_read()
    {
        const string source = """
            import { pgTable, text } from "drizzle-orm/pg-core";
            export const broken = pgTable("broken", { a: text("a").notNull(, });
            export const fine = pgTable("fine", { b: text("b") });
            """;
        var schema = Extract(("schema.ts", source));
        Assert.Contains(schema.Diagnostics, d => d.Span.Line == 2 && d.Message.Contains("syntax error", StringComparison.Ordinal));
        Assert.Single(schema.Table("fine").Columns);
    }

    [Theory]
    [InlineData("schema.ts", "import { pgTable } from 'drizzle-orm/pg-core';", true)]
    [InlineData("drizzle.config.ts", "import { defineConfig } from 'drizzle-kit';", true)]
    [InlineData("db/index.ts", "export * from './users';", true)]
    [InlineData("util.ts", "export const x = 1;", false)]
    [InlineData("types.d.ts", "import { pgTable } from 'drizzle-orm/pg-core';", false)]
    [InlineData("schema.py", "drizzle-orm", false)]
    public void Accepts_files_that_feed_drizzle(string path, string text, bool expected) =>
        Assert.Equal(expected, new SchemaAudit.Frontends.Drizzle.DrizzleFrontend().Accepts(new SchemaAudit.Discovery.SourceFile("/x/" + path, path, text)));
}
