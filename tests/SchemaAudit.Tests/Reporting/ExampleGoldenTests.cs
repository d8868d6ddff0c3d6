using SchemaAudit.Configuration;
using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;

namespace SchemaAudit.Tests.Reporting;

/// <summary>
/// The reports of every project under <c>examples/</c>, end to end (discovery, front-ends, rules,
/// score, reporters), compared with <c>tests/golden/example-&lt;name&gt;.md|json</c>. A change in a
/// front-end or a rule shows up here as a readable diff of the report a user would see.
/// </summary>
public sealed class ExampleGoldenTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(TestPaths.Examples)) return data;
        foreach (var dir in Directory.EnumerateDirectories(TestPaths.Examples).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    private static AuditResult Audit(string example)
    {
        var result = AuditRunner.Run([Path.Combine(TestPaths.Examples, example)], AuditConfig.Default);
        // The runner shows the path it was given; a golden file must not contain this machine's path.
        return new AuditResult
        {
            Root = $"examples/{example}",
            Schema = result.Schema,
            Findings = result.Findings,
            RulesRun = result.RulesRun,
            Score = result.Score,
            Statistics = result.Statistics,
        };
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Markdown_report_matches_golden_file(string example) =>
        GoldenFile.AssertMatches($"example-{example}.md", ReportOutput.Render(new MarkdownReporter(), Audit(example)));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Json_report_matches_golden_file(string example) =>
        GoldenFile.AssertMatches($"example-{example}.json", ReportOutput.Render(new JsonReporter(), Audit(example)));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Schema_dumps_match_golden_files(string example)
    {
        var schema = Audit(example).Schema;
        using var json = new StringWriter();
        SchemaJsonWriter.Write(schema, json);
        GoldenFile.AssertMatches($"example-{example}.schema.json", json.ToString());
        using var mermaid = new StringWriter();
        MermaidWriter.Write(schema, mermaid);
        GoldenFile.AssertMatches($"example-{example}.mmd", mermaid.ToString());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Reports_are_identical_on_a_second_run(string example)
    {
        var first = Audit(example);
        var second = Audit(example);
        Assert.Equal(ReportOutput.Render(new MarkdownReporter(), first), ReportOutput.Render(new MarkdownReporter(), second));
        Assert.Equal(ReportOutput.Render(new JsonReporter(), first), ReportOutput.Render(new JsonReporter(), second));
    }

    [Fact]
    public void Examples_exist() => Assert.NotEmpty(Examples());
}
