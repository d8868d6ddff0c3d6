using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.Drift;

/// <summary>
/// Models and migrations of one schema: a later view does not report on what an earlier view declares
/// (the earlier one knows more), but still reports on tables only it has.
/// </summary>
public sealed class ViewPrecedenceTests
{
    private const string Models = """
        import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

        export const monitor = sqliteTable("monitor", {
          id: integer("id").primaryKey(),
          status: text("status", { enum: ["active", "error"] }).notNull().default("active"),
        });
        """;

    // drizzle-kit writes a TypeScript-only enum as plain text; a leftover table was never dropped.
    private const string Migration = """
        CREATE TABLE `monitor` (
        	`id` integer PRIMARY KEY NOT NULL,
        	`status` text DEFAULT 'active' NOT NULL
        );
        --> statement-breakpoint
        CREATE TABLE `legacy_job` (
        	`id` integer PRIMARY KEY NOT NULL,
        	`status` text NOT NULL
        );
        """;

    private static List<string> Findings(string ruleId)
    {
        var files = new[]
        {
            new SourceFile("/v/schema.ts", "schema.ts", Models),
            new SourceFile("/v/drizzle/0000_init.sql", "drizzle/0000_init.sql", Migration),
        };
        var views = AuditRunner.BuildViews(files);
        Assert.Equal(2, views.Count);
        return [.. AuditRunner.Audit(views, ".", AuditConfig.Default).Findings.Where(f => f.RuleId == ruleId).Select(f => $"{f.Table}.{f.ColumnName} {f.Span.Path}")];
    }

    [Fact]
    public void A_later_view_reports_only_on_what_earlier_views_do_not_declare() =>
        Assert.Equal(["legacy_job.status drizzle/0000_init.sql"], Findings("status-text-unconstrained"));

    [Fact]
    public void Drift_still_reports_the_leftover_table() =>
        Assert.Equal(["legacy_job. drizzle/0000_init.sql"], Findings("schema-drift"));
}
