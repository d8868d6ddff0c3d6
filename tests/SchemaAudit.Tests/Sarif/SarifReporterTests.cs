using System.Text.Json;
using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;
using SchemaAudit.Reporting.Sarif;
using SchemaAudit.Tests.Discovery;
using SchemaAudit.Tests.Reporting;

namespace SchemaAudit.Tests.Sarif;

/// <summary>
/// The SARIF report, validated against the official SARIF 2.1.0 schema, and the properties code
/// scanning relies on: levels, repository-relative locations, fingerprints that survive line shifts,
/// suppressions, rule indexes.
/// </summary>
public sealed class SarifReporterTests
{
    private static readonly Lazy<JsonSchemaValidator> s_validator = new(() =>
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "SchemaAudit.Tests", "Sarif", "sarif-schema-2.1.0.json"));
        return new JsonSchemaValidator(JsonDocument.Parse(text).RootElement.Clone());
    });

    private static JsonElement Render(AuditResult result, ReporterOptions? options = null) =>
        JsonDocument.Parse(ReportOutput.Render(new SarifReporter(options ?? ReporterOptions.Default), result)).RootElement.Clone();

    private static void AssertValid(JsonElement log)
    {
        var errors = s_validator.Value.Validate(log);
        Assert.True(errors.Count == 0, "SARIF schema violations:\n" + string.Join("\n", errors.Take(20)));
    }

    private static JsonElement Run(JsonElement log) => log.GetProperty("runs")[0];

    private static List<JsonElement> Results(JsonElement log) => [.. Run(log).GetProperty("results").EnumerateArray()];

    [Fact]
    public void Sample_report_is_valid_SARIF_2_1_0()
    {
        var log = Render(SampleAudit.Create(), new ReporterOptions { RepositoryPrefix = "services/chat/" });
        AssertValid(log);
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
    }

    [Fact]
    public void Example_project_report_is_valid_SARIF_2_1_0()
    {
        var result = AuditRunner.Run([Path.Combine(TestPaths.Examples, "chat_app")], AuditConfig.Default);
        var log = Render(result, new ReporterOptions { RepositoryPrefix = "examples/chat_app/" });
        AssertValid(log);
        Assert.NotEmpty(Results(log));
        Assert.All(Results(log), r => Assert.StartsWith("examples/chat_app/app/",
            r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_validator_rejects_what_the_schema_forbids()
    {
        var valid = Render(SampleAudit.Create());
        var text = valid.GetRawText();
        string[] broken =
        [
            text.Replace("\"level\": \"error\"", "\"level\": \"fatal\"", StringComparison.Ordinal),
            text.Replace("\"startLine\": 38", "\"startLine\": 0", StringComparison.Ordinal),
            text.Replace("\"version\": \"2.1.0\"", "\"version\": \"2.0.0\"", StringComparison.Ordinal),
            text.Replace("\"ruleId\":", "\"ruleIdentifier\":", StringComparison.Ordinal),
            text.Replace("\"informationUri\": \"https://", "\"informationUri\": \"not a uri ", StringComparison.Ordinal),
            text.Replace("\"kind\": \"inSource\"", "\"kind\": \"inComment\"", StringComparison.Ordinal),
        ];
        foreach (var variant in broken)
        {
            Assert.NotEqual(text, variant);
            Assert.NotEmpty(s_validator.Value.Validate(JsonDocument.Parse(variant).RootElement));
        }
    }

    [Fact]
    public void Driver_describes_every_rule_with_help_and_a_link_to_its_page()
    {
        var driver = Run(Render(SampleAudit.Create())).GetProperty("tool").GetProperty("driver");
        Assert.Equal(ToolInfo.Name, driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        var ids = rules.Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        var fk = rules.Single(r => r.GetProperty("id").GetString() == "fk-missing-index");
        Assert.Equal("FkMissingIndex", fk.GetProperty("name").GetString());
        Assert.Equal("Foreign key without an index", fk.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.StartsWith("PostgreSQL does not index", fk.GetProperty("fullDescription").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("### How to fix", fk.GetProperty("help").GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/docs/rules/fk-missing-index.md", fk.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        Assert.Equal("warning", fk.GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    [Fact]
    public void Results_map_severity_to_level_and_point_at_their_rule()
    {
        var log = Render(SampleAudit.Create());
        var rules = Run(log).GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var levels = new Dictionary<string, string>();
        foreach (var r in Results(log))
        {
            var id = r.GetProperty("ruleId").GetString()!;
            Assert.Equal(id, rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            levels[id] = r.GetProperty("level").GetString()!;
        }
        Assert.Equal("error", levels["orm-remote-side-builtin"]);
        Assert.Equal("warning", levels["fk-missing-index"]);
        Assert.Equal("note", levels["relationship-large-collection-eager"]);
        Assert.Equal("note", levels["unused-suppression"]);
    }

    [Fact]
    public void Locations_are_relative_to_the_repository_root()
    {
        var log = Render(SampleAudit.Create(), new ReporterOptions { RepositoryPrefix = "services/chat api/" });
        var result = Results(log).First(r => r.GetProperty("ruleId").GetString() == "orm-remote-side-builtin");
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("services/chat%20api/app/models/message.py", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(38, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(5, physical.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.True(Run(log).GetProperty("originalUriBaseIds").TryGetProperty("%SRCROOT%", out _));
        Assert.DoesNotContain(Path.GetTempPath(), log.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Suppressed_findings_carry_an_in_source_suppression()
    {
        var suppressed = Results(Render(SampleAudit.Create())).Single(r => r.GetProperty("ruleId").GetString() == "index-redundant");
        var suppression = suppressed.GetProperty("suppressions")[0];
        Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
        Assert.Equal("inline comment at app/models/conversation.py:16", suppression.GetProperty("justification").GetString());
        Assert.Equal(1, suppressed.GetProperty("relatedLocations").GetArrayLength());
    }

    [Fact]
    public void Fingerprints_survive_inserted_lines_and_number_identical_findings()
    {
        using var dir = new TempDirectory();
        var model = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "table-no-primary-key", "bad.py"));
        dir.Write("models.py", model);
        var before = Fingerprints(dir.Path);
        dir.Write("models.py", "\n\n\n# a comment\n\n" + model);
        var after = Fingerprints(dir.Path);

        Assert.NotEmpty(before);
        Assert.Equal(before.Select(b => b.Fingerprint), after.Select(a => a.Fingerprint));
        Assert.All(before.Zip(after), pair => Assert.Equal(pair.First.Line + 5, pair.Second.Line));
    }

    [Fact]
    public void Identical_findings_get_distinct_fingerprints()
    {
        var finding = new Finding
        {
            RuleId = "x", Severity = Severity.Warning, Category = RuleCategory.Design, Message = "Same at models.py:3.", Recommendation = "r",
            Span = SourceSpan.At("models.py", 3, 1), Table = null,
        };
        var fingerprints = SchemaAudit.Baseline.FindingFingerprints.Assign([finding, finding with { Span = SourceSpan.At("models.py", 9, 1), Message = "Same at models.py:9." }])
            .Select(f => f.Fingerprint!).ToList();
        Assert.Equal(2, fingerprints.Distinct().Count());
        Assert.EndsWith("/1", fingerprints[0], StringComparison.Ordinal);
        Assert.EndsWith("/2", fingerprints[1], StringComparison.Ordinal);
        Assert.Equal(fingerprints[0][..^2], fingerprints[1][..^2]);
    }

    [Fact]
    public void Live_database_findings_have_a_logical_location_only()
    {
        var schema = new Schema();
        var finding = new Finding
        {
            RuleId = "fk-missing-index", Severity = Severity.Warning, Category = RuleCategory.Performance, Message = "m", Recommendation = "r",
            Span = new SourceSpan("postgresql://app@db:5432/shop#public.orders.customer_id", 0, 0, 0, 0), Table = "orders", ColumnName = "customer_id",
        };
        var result = new AuditResult
        {
            Root = "postgresql://app@db:5432/shop", Schema = schema, Findings = [finding], RulesRun = [], Score = Score.Compute([finding], schema),
            Statistics = Statistics.Compute(schema),
        };

        var log = Render(result);

        AssertValid(log);
        var location = Assert.Single(Results(log)).GetProperty("locations")[0];
        Assert.False(location.TryGetProperty("physicalLocation", out _));
        Assert.Equal("orders.customer_id", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var first = ReportOutput.Render(new SarifReporter(), SampleAudit.Create());
        Assert.Equal(first, ReportOutput.Render(new SarifReporter(), SampleAudit.Create()));
        Assert.NotNull(ReporterRegistry.Find("sarif"));
    }

    private static List<(string Fingerprint, int Line)> Fingerprints(string root)
    {
        var log = Render(AuditRunner.Run([root], AuditConfig.Default));
        return [.. Results(log).Select(r => (
            r.GetProperty("partialFingerprints").GetProperty(SarifReporter.FingerprintKey).GetString()!,
            r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()))];
    }
}
