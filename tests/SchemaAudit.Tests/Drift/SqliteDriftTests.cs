using SchemaAudit.Discovery;
using SchemaAudit.Drift;
using SchemaAudit.Frontends.Drizzle;
using SchemaAudit.Frontends.Migrations;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Drift;

/// <summary>
/// Drizzle models on SQLite against the drizzle-kit migrations generated from them (reconstructed from a
/// real project): logical types, quoting, qualified predicates and JSON defaults are spelling, not drift.
/// </summary>
public sealed class SqliteDriftTests
{
    private const string Models = """
        import { sql } from "drizzle-orm";
        import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

        export const subscriber = sqliteTable("subscriber", {
          id: integer("id").primaryKey(),
          email: text("email", { length: 256 }),
          scopes: text("scopes", { mode: "json" }).notNull().default(["write"]),
          settings: text("settings", { mode: "json" }).default({ theme: "dark", size: 2 }),
          active: integer("active", { mode: "boolean" }).default(true),
          createdAt: integer("created_at", { mode: "timestamp" }).default(sql`(strftime('%s', 'now'))`),
          removedAt: integer("removed_at", { mode: "timestamp_ms" }),
          token: text("token").$defaultFn(() => crypto.randomUUID()),
        }, (t) => [
          uniqueIndex("subscriber_email_idx").on(sql`LOWER(${t.email})`).where(sql`${t.removedAt} IS NULL`),
          index("subscriber_open_idx").on(t.createdAt).where(sql`${t.removedAt} IS NULL AND ${t.active} = 1`),
        ]);
        """;

    private const string Migration = """
        CREATE TABLE `subscriber` (
        	`id` integer PRIMARY KEY NOT NULL,
        	`email` text(512),
        	`scopes` text DEFAULT '["write"]' NOT NULL,
        	`settings` text DEFAULT '{"theme":"dark","size":2}',
        	`active` integer DEFAULT true,
        	`created_at` integer DEFAULT (strftime('%s', 'now')),
        	`removed_at` integer,
        	`token` text
        );
        --> statement-breakpoint
        CREATE UNIQUE INDEX `subscriber_email_idx` ON `subscriber` (LOWER("email")) WHERE "subscriber"."removed_at" IS NULL;--> statement-breakpoint
        CREATE INDEX `subscriber_open_idx` ON `subscriber` (`created_at`) WHERE "subscriber"."removed_at" is null and "subscriber"."active" = 1;
        """;

    private const string Journal = """{"version":"5","dialect":"sqlite","entries":[{"idx":0,"tag":"0000_init"}]}""";

    private static (Schema Models, Schema Migrations) Views(string models, string migration, string journal = Journal)
    {
        var drizzle = new DrizzleFrontend();
        var modelView = new Schema();
        drizzle.Extract([.. new[] { new SourceFile("/v/schema.ts", "schema.ts", models) }.Where(drizzle.Accepts)], modelView);
        Assert.True(modelView.Diagnostics.Count == 0, string.Join("\n", modelView.Diagnostics));
        var sql = new SqlMigrationsFrontend();
        var migrationView = new Schema { SourceKind = SchemaSourceKind.Migrations };
        sql.Extract([.. new[]
        {
            new SourceFile("/v/drizzle/0000_init.sql", "drizzle/0000_init.sql", migration),
            new SourceFile("/v/drizzle/meta/_journal.json", "drizzle/meta/_journal.json", journal),
        }.Where(sql.Accepts)], migrationView);
        return (modelView, migrationView);
    }

    private static List<string> Drift(string models, string migration, string journal = Journal)
    {
        var (a, b) = Views(models, migration, journal);
        return [.. DriftDetector.Compare(a, b).Select(f => f.Message)];
    }

    [Fact]
    public void The_journal_names_the_dialect()
    {
        var (models, migrations) = Views(Models, Migration);
        Assert.Equal(("sqlite", "sqlite"), (models.Dialect, migrations.Dialect));
    }

    [Fact]
    public void Generated_migrations_match_their_models() => Assert.Empty(Drift(Models, Migration));

    [Fact]
    public void A_different_storage_affinity_is_drift()
    {
        var drift = Drift(Models, Migration.Replace("`created_at` integer", "`created_at` text", StringComparison.Ordinal));
        var only = Assert.Single(drift);
        Assert.Contains("`subscriber.created_at` is `timestamp`", only, StringComparison.Ordinal);
        Assert.Contains("different affinities (INTEGER and TEXT)", only, StringComparison.Ordinal);
    }

    [Fact]
    public void Views_that_disagree_on_the_dialect_compare_logical_types()
    {
        var journal = Journal.Replace("sqlite", "postgresql", StringComparison.Ordinal);
        var drift = Drift(Models, Migration, journal);
        Assert.Contains(drift, d => d.StartsWith("`subscriber.created_at` is `timestamp`", StringComparison.Ordinal));
    }

    [Fact]
    public void A_different_json_default_is_drift()
    {
        var drift = Drift(Models, Migration.Replace("'[\"write\"]'", "'[\"read\"]'", StringComparison.Ordinal));
        Assert.StartsWith("`subscriber.scopes` has server default `'[\"write\"]'` in the models but `'[\"read\"]'`", Assert.Single(drift), StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_predicate_is_drift()
    {
        var drift = Drift(Models, Migration.Replace("\"subscriber\".\"active\" = 1", "\"subscriber\".\"active\" = 0", StringComparison.Ordinal));
        Assert.Equal(2, drift.Count);
    }

    [Theory]
    [InlineData("integer", "Integer")]
    [InlineData("BIGINT", "Integer")]
    [InlineData("varchar(255)", "Text")]
    [InlineData("text(512)", "Text")]
    [InlineData("blob", "Blob")]
    [InlineData("", "Blob")]
    [InlineData("double precision", "Real")]
    [InlineData("DATETIME", "Numeric")]
    [InlineData("boolean", "Numeric")]
    public void Declared_types_get_sqlite_affinities(string declared, string expected) =>
        Assert.Equal(expected, SqliteAffinities.OfDeclaredType(declared).ToString());

    [Theory]
    [InlineData("\"incident\".\"resolved_at\" IS NULL", "resolved_at is null")]
    [InlineData("incident.resolved_at IS NULL AND x_incident.a = 1", "resolved_at is null and x_incident.a = 1")]
    [InlineData("LOWER(\"email\")", "lower(email)")]
    public void Own_table_qualifiers_are_dropped(string text, string expected) =>
        Assert.Equal(expected, SqlTextNormalizer.Normalize(text, "incident"));
}
