using System.Text.Json;
using SchemaAudit.Reporting;

namespace SchemaAudit.Tests.Reporting;

public sealed class JsonReporterTests
{
    private static JsonElement Render()
    {
        var json = ReportOutput.Render(new JsonReporter(), SampleAudit.Create());
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    [Fact]
    public void Top_level_keys_follow_the_contract_in_order()
    {
        var keys = Render().EnumerateObject().Select(p => p.Name).ToList();
        // DESIGN.md's contract, in its order; additive keys may sit between but never replace these.
        string[] contract = ["tool", "root", "findings", "statistics", "score", "grade", "diagnostics"];
        Assert.Equal(contract, keys.Where(contract.Contains));
        Assert.Contains("deductions", keys);
    }

    [Fact]
    public void Tool_carries_name_and_version()
    {
        var tool = Render().GetProperty("tool");
        Assert.Equal("schema-audit", tool.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", tool.GetProperty("version").GetString());
        Assert.DoesNotContain("+", tool.GetProperty("version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_finding_has_the_contract_fields_with_their_types()
    {
        var findings = Render().GetProperty("findings");
        Assert.Equal(9, findings.GetArrayLength());
        foreach (var f in findings.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, f.GetProperty("ruleId").ValueKind);
            Assert.Contains(f.GetProperty("severity").GetString(), new[] { "critical", "warning", "suggestion", "info" });
            Assert.Equal(JsonValueKind.String, f.GetProperty("category").ValueKind);
            Assert.Equal(JsonValueKind.String, f.GetProperty("message").ValueKind);
            Assert.Equal(JsonValueKind.String, f.GetProperty("path").ValueKind);
            Assert.True(f.GetProperty("line").GetInt32() > 0);
            Assert.True(f.GetProperty("column").GetInt32() > 0);
            Assert.Contains(f.GetProperty("table").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
            Assert.Contains(f.GetProperty("columnName").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
            Assert.Equal(JsonValueKind.String, f.GetProperty("recommendation").ValueKind);
            Assert.Equal(JsonValueKind.String, f.GetProperty("title").ValueKind);
            Assert.Contains(f.GetProperty("suppressed").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        }
    }

    [Fact]
    public void Finding_values_are_those_of_the_model()
    {
        var first = Render().GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("ruleId").GetString() == "orm-remote-side-builtin");
        Assert.Equal("critical", first.GetProperty("severity").GetString());
        Assert.Equal("integrity", first.GetProperty("category").GetString());
        Assert.Equal("app/models/message.py", first.GetProperty("path").GetString());
        Assert.Equal(38, first.GetProperty("line").GetInt32());
        Assert.Equal(5, first.GetProperty("column").GetInt32());
        Assert.Equal("messages", first.GetProperty("table").GetString());
        Assert.Equal("reply_to", first.GetProperty("columnName").GetString());
        Assert.Contains("remote_side=[id]", first.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"Message.id\"", first.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.False(first.GetProperty("suppressed").GetBoolean());
        Assert.False(first.TryGetProperty("suppressedBy", out _));
    }

    [Fact]
    public void Absent_table_and_column_are_null_not_missing()
    {
        var unused = Render().GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("ruleId").GetString() == "unused-suppression");
        Assert.Equal(JsonValueKind.Null, unused.GetProperty("table").ValueKind);
        Assert.Equal(JsonValueKind.Null, unused.GetProperty("columnName").ValueKind);
    }

    [Fact]
    public void Suppressed_findings_are_included_and_marked()
    {
        var suppressed = Render().GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("suppressed").GetBoolean()).ToList();
        var only = Assert.Single(suppressed);
        Assert.Equal("index-redundant", only.GetProperty("ruleId").GetString());
        Assert.Equal("inline comment at app/models/conversation.py:16", only.GetProperty("suppressedBy").GetString());
        var related = Assert.Single(only.GetProperty("related").EnumerateArray());
        Assert.Equal(30, related.GetProperty("column").GetInt32());
    }

    [Fact]
    public void Statistics_have_the_contract_nesting()
    {
        var s = Render().GetProperty("statistics");
        Assert.Equal(4, s.GetProperty("tables").GetInt32());
        Assert.Equal(14, s.GetProperty("columns").GetInt32());
        Assert.Equal(6, s.GetProperty("foreignKeys").GetInt32());
        Assert.Equal(1, s.GetProperty("uniqueConstraints").GetInt32());
        var indexes = s.GetProperty("indexes");
        Assert.Equal(4, indexes.GetProperty("primary").GetInt32());
        Assert.Equal(0, indexes.GetProperty("unique").GetInt32());
        Assert.Equal(2, indexes.GetProperty("other").GetInt32());
        Assert.Equal(4, s.GetProperty("relationships").GetInt32());
        Assert.Equal(3, s.GetProperty("entities").GetInt32());
        Assert.Equal(1.0, s.GetProperty("annotationCoverage").GetDouble());
        Assert.Equal(0.1429, s.GetProperty("documentationCoverage").GetDouble());
        Assert.Equal(["app/models/conversation.py", "app/models/message.py", "app/models/user.py"],
            s.GetProperty("modelFiles").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
    }

    [Fact]
    public void Score_grade_and_deductions_match_the_result()
    {
        var result = SampleAudit.Create();
        var root = Render();
        Assert.Equal(result.Score.Value, root.GetProperty("score").GetInt32());
        Assert.Equal(result.Score.Grade, root.GetProperty("grade").GetString());
        var deductions = root.GetProperty("deductions").EnumerateArray().ToList();
        Assert.Equal(result.Score.Deductions.Count, deductions.Count);
        Assert.Equal(result.Score.Deductions.Sum(d => d.Points), deductions.Sum(d => d.GetProperty("points").GetInt32()));
        Assert.Equal(100 - deductions.Sum(d => d.GetProperty("points").GetInt32()), root.GetProperty("score").GetInt32());
    }

    [Fact]
    public void Diagnostics_have_location_message_and_severity()
    {
        var d = Assert.Single(Render().GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("app/models/legacy.py", d.GetProperty("path").GetString());
        Assert.Equal(7, d.GetProperty("line").GetInt32());
        Assert.Equal(12, d.GetProperty("column").GetInt32());
        Assert.Equal("expected ')' to close '(' opened at 7:5", d.GetProperty("message").GetString());
        Assert.Equal("error", d.GetProperty("severity").GetString());
    }

    [Fact]
    public void Output_is_byte_identical_across_runs_and_uses_lf()
    {
        var first = ReportOutput.Render(new JsonReporter(), SampleAudit.Create());
        var second = ReportOutput.Render(new JsonReporter(), SampleAudit.Create());
        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
        Assert.EndsWith("}\n", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_given_out_of_order_are_reported_in_order()
    {
        var sorted = SampleAudit.Create();
        var shuffled = new SchemaAudit.Pipeline.AuditResult
        {
            Root = sorted.Root, Schema = sorted.Schema, Findings = [.. sorted.Findings.Reverse()],
            RulesRun = sorted.RulesRun, Score = sorted.Score, Statistics = sorted.Statistics,
        };
        Assert.Equal(ReportOutput.Render(new JsonReporter(), sorted), ReportOutput.Render(new JsonReporter(), shuffled));
        Assert.Equal(ReportOutput.Render(new MarkdownReporter(), sorted), ReportOutput.Render(new MarkdownReporter(), shuffled));
    }

    [Fact]
    public void Sample_matches_golden_file() =>
        GoldenFile.AssertMatches("sample-report.json", ReportOutput.Render(new JsonReporter(), SampleAudit.Create()));
}
