using SchemaAudit.Cli;
using SchemaAudit.Rules;

namespace SchemaAudit.Tests.Cli;

/// <summary>
/// <c>docs/rules/</c> is generated from the rules' metadata. This test fails when the committed
/// pages are stale; <c>SCHEMA_AUDIT_UPDATE_GOLDEN=1 dotnet test</c> (or <c>schema-audit docs</c>)
/// regenerates them.
/// </summary>
public sealed class RuleDocsTests
{
    private static string DocsDirectory => Path.Combine(TestPaths.RepositoryRoot, "docs", "rules");

    [Fact]
    public void Committed_rule_docs_match_the_metadata()
    {
        var rules = RuleRegistry.AllMetadata.ToList();
        if (Environment.GetEnvironmentVariable("SCHEMA_AUDIT_UPDATE_GOLDEN") == "1")
            RuleDocumentation.WriteTo(DocsDirectory, rules);

        var expected = RuleDocumentation.Generate(rules);
        var problems = new List<string>();
        foreach (var (name, content) in expected)
        {
            var path = Path.Combine(DocsDirectory, name);
            if (!File.Exists(path)) problems.Add($"missing: {name}");
            else if (Normalize(File.ReadAllText(path)) != content) problems.Add($"stale: {name}");
        }
        if (Directory.Exists(DocsDirectory))
        {
            foreach (var path in Directory.EnumerateFiles(DocsDirectory, "*.md"))
            {
                if (!expected.ContainsKey(Path.GetFileName(path))) problems.Add($"no such rule any more: {Path.GetFileName(path)}");
            }
        }

        Assert.True(problems.Count == 0,
            "docs/rules is out of date with the rule metadata:\n  " + string.Join("\n  ", problems.Order(StringComparer.Ordinal))
            + "\nRegenerate with: SCHEMA_AUDIT_UPDATE_GOLDEN=1 dotnet test --filter FullyQualifiedName~RuleDocsTests");
    }

    [Fact]
    public void Every_page_has_every_section()
    {
        foreach (var rule in RuleRegistry.AllMetadata)
        {
            var page = RuleDocumentation.Render(rule);
            foreach (var section in new[] { "# " + rule.Title, $"`{rule.Id}`", "## Why it matters", "## How to fix", "## Example", "## Known problems" })
                Assert.True(page.Contains(section, StringComparison.Ordinal), $"{rule.Id}: no `{section}`");
            Assert.Contains("```" + rule.ExampleLanguage, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Index_links_every_rule()
    {
        var rules = RuleRegistry.AllMetadata.ToList();
        var index = RuleDocumentation.RenderIndex(rules);
        foreach (var rule in rules)
            Assert.Contains($"[`{rule.Id}`]({rule.Id}.md)", index, StringComparison.Ordinal);
    }

    // Git may check files out with CRLF on Windows; the content is what matters.
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
