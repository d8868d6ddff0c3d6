using System.Text.RegularExpressions;
using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Pipeline;
using SchemaAudit.Rules;

namespace SchemaAudit.Tests.Rules;

/// <summary>
/// Every rule has a folder <c>tests/fixtures/&lt;rule-id&gt;/</c>. Each entry in it (a file, or a
/// folder audited as one project) is a case: names starting with <c>bad</c> must fire exactly at
/// the lines marked <c># expect: &lt;rule-id&gt;</c> (or <c>// expect:</c>, <c>-- expect:</c>);
/// names starting with <c>good</c> must not fire that rule at all.
/// </summary>
public sealed partial class RuleFixtureTests
{
    [GeneratedRegex(@"(?:#|//|--)\s*expect:\s*(?<ids>[a-z0-9\-, ]+)")]
    private static partial Regex ExpectMarker();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var ruleDir in Directory.EnumerateDirectories(TestPaths.Fixtures).Order(StringComparer.Ordinal))
        {
            var ruleId = Path.GetFileName(ruleDir);
            if (RuleRegistry.FindMetadata(ruleId) is not { } rule) continue; // front-end fixtures live here too
            if (rule.NeedsLiveDatabase) continue; // databases the live tests create (tests/SchemaAudit.Tests/Live)
            foreach (var entry in Directory.EnumerateFileSystemEntries(ruleDir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(entry);
                if (name.StartsWith("bad", StringComparison.Ordinal) || name.StartsWith("good", StringComparison.Ordinal))
                    data.Add(ruleId, name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_fires_exactly_at_marked_lines(string ruleId, string caseName)
    {
        var path = Path.Combine(TestPaths.Fixtures, ruleId, caseName);
        var result = AuditRunner.Run([path], AuditConfig.Default);

        var expected = ExpectedLines(path, ruleId);
        var actual = result.Findings
            .Where(f => f.RuleId == ruleId)
            .Select(f => $"{Path.GetFileName(f.Span.Path)}:{f.Span.Line}")
            .Order(StringComparer.Ordinal)
            .ToList();

        if (caseName.StartsWith("bad", StringComparison.Ordinal))
            Assert.True(expected.Count > 0, $"{ruleId}/{caseName} has no '# expect: {ruleId}' marker");
        else
            Assert.True(expected.Count == 0, $"{ruleId}/{caseName} is a good case but has expect markers");

        var diagnostics = string.Join("\n", result.Schema.Diagnostics);
        Assert.True(expected.SequenceEqual(actual),
            $"{ruleId}/{caseName}\nexpected: [{string.Join(", ", expected)}]\nactual:   [{string.Join(", ", actual)}]\n" +
            $"messages: {string.Join(" | ", result.Findings.Where(f => f.RuleId == ruleId).Select(f => f.Message))}\ndiagnostics: {diagnostics}");
    }

    [Fact]
    public void Every_rule_has_a_bad_and_a_good_fixture()
    {
        var missing = new List<string>();
        foreach (var meta in RuleRegistry.AllMetadata)
        {
            var dir = Path.Combine(TestPaths.Fixtures, meta.Id);
            var names = Directory.Exists(dir) ? Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).ToList() : [];
            if (!names.Exists(n => n!.StartsWith("bad", StringComparison.Ordinal))) missing.Add($"{meta.Id}: no bad case");
            if (!names.Exists(n => n!.StartsWith("good", StringComparison.Ordinal))) missing.Add($"{meta.Id}: no good case");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Metadata_examples_behave(string ruleId)
    {
        var meta = RuleRegistry.FindMetadata(ruleId)!;
        if (meta.NeedsLiveDatabase || meta.ComparesViews) return; // run by the live and drift tests
        var ext = meta.ExampleLanguage switch { "typescript" => ".ts", "sql" => ".sql", "csharp" => ".cs", _ => ".py" };

        int Count(string source)
        {
            var schema = AuditRunner.BuildSchema([new SourceFile("/example/models" + ext, "models" + ext, source)]);
            return AuditRunner.Audit(schema, ".", AuditConfig.Default).Findings.Count(f => f.RuleId == ruleId);
        }

        Assert.True(Count(meta.BadExample) > 0, $"{ruleId}: the bad example does not fire");
        Assert.True(Count(meta.GoodExample) == 0, $"{ruleId}: the good example fires");
    }

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var meta in RuleRegistry.AllMetadata) data.Add(meta.Id);
        return data;
    }

    private static List<string> ExpectedLines(string path, string ruleId)
    {
        var files = File.Exists(path) ? [path] : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).ToList();
        var result = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var m = ExpectMarker().Match(lines[i]);
                if (!m.Success) continue;
                foreach (var id in m.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (id == ruleId) result.Add($"{Path.GetFileName(file)}:{i + 1}");
                }
            }
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
