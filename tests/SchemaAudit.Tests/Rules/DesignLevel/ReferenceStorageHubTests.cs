using System.Text.RegularExpressions;
using SchemaAudit.Configuration;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.Rules.DesignLevel;

/// <summary>
/// The storage review in <c>shared/reference/</c> found its design-level defects by hand. A reconstruction of that schema
/// (<c>tests/fixtures/reference-storage-hub/schema.sql</c>) must produce exactly the design-level findings marked in it with
/// <c>-- expect:</c>, at those lines: the review's own (C03, C04, C05, C09, W01, W02, W08, W17, W19, W20, …) and no others.
/// </summary>
public sealed partial class ReferenceStorageHubTests
{
    private static readonly string[] s_designLevelRules =
    [
        "ambiguous-self-link-columns", "cross-scope-reference", "denormalized-fk-divergence", "implied-fk-missing", "json-not-jsonb",
        "jsonb-no-gin", "like-prefix-no-pattern-ops", "no-deactivation-flag", "overlapping-json-columns", "payload-secrets-unredacted",
        "polymorphic-nullable-fks", "random-uuid-time-ordered", "soft-delete-cascade-gap", "status-text-unconstrained",
        "unbounded-growth-table", "unique-ignores-soft-delete",
    ];

    private static string SchemaPath => Path.Combine(TestPaths.Fixtures, "reference-storage-hub", "schema.sql");

    [GeneratedRegex(@"--\s*expect:\s*(?<ids>[a-z0-9\-, ]+)")]
    private static partial Regex ExpectMarker();

    private static List<string> Actual()
    {
        var result = AuditRunner.Run([SchemaPath], AuditConfig.Default);
        Assert.Empty(result.Schema.Diagnostics);
        return [.. result.Findings
            .Where(f => s_designLevelRules.Contains(f.RuleId))
            .Select(f => $"{f.Span.Line}:{f.RuleId}")
            .Order(StringComparer.Ordinal)];
    }

    private static List<string> Expected()
    {
        var lines = File.ReadAllLines(SchemaPath);
        var result = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ExpectMarker().Match(lines[i]);
            if (!match.Success) continue;
            foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                result.Add($"{i + 1}:{id}");
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    [Fact]
    public void Design_level_findings_are_exactly_the_marked_ones()
    {
        var expected = Expected();
        var actual = Actual();
        Assert.True(expected.SequenceEqual(actual),
            $"missing: [{string.Join(", ", expected.Except(actual))}]\nunexpected: [{string.Join(", ", actual.Except(expected))}]");
    }

    [Theory]
    [InlineData("soft-delete-cascade-gap", "operation_specs", "spoke_id")]          // C03
    [InlineData("denormalized-fk-divergence", "parts", "session_id")]               // C04
    [InlineData("implied-fk-missing", "sessions", "role_name")]                     // C05
    [InlineData("cross-scope-reference", "task_dependencies", "depends_on_task_id")] // C09
    [InlineData("overlapping-json-columns", "accounts", "metadata")]                // W01
    [InlineData("no-deactivation-flag", "accounts", null)]                          // W02
    [InlineData("payload-secrets-unredacted", "call_graph_nodes", "input")]         // W08
    [InlineData("unbounded-growth-table", "call_graph_nodes", "created_at")]        // W09
    [InlineData("like-prefix-no-pattern-ops", "tasks", "path")]                     // W17
    [InlineData("jsonb-no-gin", "call_graph_nodes", "identity")]                    // W19
    [InlineData("polymorphic-nullable-fks", "mappings", null)]                      // W20
    [InlineData("ambiguous-self-link-columns", "task_dependencies", "task_id")]     // S16
    [InlineData("random-uuid-time-ordered", "messages", "id")]                      // C02
    public void Reaches_the_review_finding(string ruleId, string table, string? column)
    {
        var result = AuditRunner.Run([SchemaPath], AuditConfig.Default);
        var finding = Assert.Single(result.Findings, f => f.RuleId == ruleId && f.Table == table && f.ColumnName == column);
        Assert.Equal("schema.sql", Path.GetFileName(finding.Span.Path));
        Assert.Contains($"`{table}", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_identical_on_a_second_run() => Assert.Equal(Actual(), Actual());
}
