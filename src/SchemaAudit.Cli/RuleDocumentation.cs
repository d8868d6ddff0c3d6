using System.Text;
using SchemaAudit.Analysis;
using SchemaAudit.Rules;

namespace SchemaAudit.Cli;

/// <summary>
/// Renders rule metadata as Markdown: one page per rule (<c>docs/rules/&lt;id&gt;.md</c>, also what
/// <c>explain</c> prints) and an index (<c>docs/rules/README.md</c>). Output is deterministic and
/// uses <c>\n</c> line endings, so the committed pages can be compared byte for byte.
/// </summary>
internal static class RuleDocumentation
{
    public const string IndexFileName = "README.md";

    private const string GeneratedNotice =
        "<!-- Generated from the rule's metadata by `schema-audit docs`; edit the rule's source, not this file. -->";

    /// <summary>Every file of the documentation folder, by file name.</summary>
    public static SortedDictionary<string, string> Generate(IReadOnlyList<RuleMetadata> rules)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules) files[rule.Id + ".md"] = Render(rule);
        files[IndexFileName] = RenderIndex(rules);
        return files;
    }

    /// <summary>Writes the pages and deletes pages of rules that no longer exist (any other <c>.md</c>).</summary>
    public static (int Written, int Removed) WriteTo(string directory, IReadOnlyList<RuleMetadata> rules)
    {
        Directory.CreateDirectory(directory);
        var files = Generate(rules);
        var written = 0;
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path) && File.ReadAllText(path) == content) continue;
            File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            written++;
        }
        var removed = 0;
        foreach (var stale in Directory.EnumerateFiles(directory, "*.md").Where(p => !files.ContainsKey(Path.GetFileName(p))))
        {
            File.Delete(stale);
            removed++;
        }
        return (written, removed);
    }

    public static string Render(RuleMetadata rule)
    {
        var md = new StringBuilder();
        md.Append(GeneratedNotice).Append('\n');
        md.Append("# ").Append(rule.Title).Append("\n\n");
        md.Append("| Rule | Severity | Category |\n|---|---|---|\n");
        md.Append($"| `{rule.Id}` | {rule.Severity.Id()} | {rule.Category.Id()} |\n\n");
        md.Append("## Why it matters\n\n").Append(Paragraph(rule.Why)).Append("\n\n");
        md.Append("## How to fix\n\n").Append(Paragraph(rule.Fix)).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(rule.SeverityPolicy))
            md.Append("## Severity\n\n").Append(Paragraph(rule.SeverityPolicy)).Append("\n\n");
        md.Append("## Example\n\nThis fires the rule:\n\n");
        AppendFenced(md, rule.BadExample, rule.ExampleLanguage);
        md.Append("\nThis does not:\n\n");
        AppendFenced(md, rule.GoodExample, rule.ExampleLanguage);
        md.Append("\n## Known problems\n\n")
          .Append(string.IsNullOrWhiteSpace(rule.KnownProblems) ? "None known." : Paragraph(rule.KnownProblems))
          .Append("\n\n");
        md.Append("## Suppressing it\n\n")
          .Append("Switch the rule off in `.schema-audit.yml` (`rules: { ").Append(rule.Id).Append(": off }`), or silence one place with a comment ")
          .Append("on the line or the line above: `# schema-audit: ignore[").Append(rule.Id).Append("]`.\n");
        return md.ToString();
    }

    public static string RenderIndex(IReadOnlyList<RuleMetadata> rules)
    {
        var md = new StringBuilder();
        md.Append(GeneratedNotice.Replace("rule's metadata", "rules' metadata", StringComparison.Ordinal)).Append('\n');
        md.Append("# Rules\n\n");
        md.Append($"{rules.Count} rules. `schema-audit explain <id>` prints the same page in the terminal.\n");
        foreach (var category in Enum.GetValues<RuleCategory>())
        {
            var inCategory = rules.Where(r => r.Category == category).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            if (inCategory.Count == 0) continue;
            md.Append("\n## ").Append(CategoryTitle(category)).Append("\n\n");
            md.Append("| Rule | Severity | Title |\n|---|---|---|\n");
            foreach (var rule in inCategory)
                md.Append($"| [`{rule.Id}`]({rule.Id}.md) | {rule.Severity.Id()} | {rule.Title.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        return md.ToString();
    }

    private static string CategoryTitle(RuleCategory category) => category switch
    {
        RuleCategory.Drift => "Deployed databases and drift",
        RuleCategory.Tool => "The tool itself",
        _ => category.ToString(),
    };

    private static string Paragraph(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    // A fence longer than any backtick run inside the example, so examples can contain fences.
    private static void AppendFenced(StringBuilder md, string code, string language)
    {
        var longestRun = 0;
        var run = 0;
        foreach (var c in code)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }
        var fence = new string('`', Math.Max(3, longestRun + 1));
        md.Append(fence).Append(language).Append('\n')
          .Append(code.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n', ' ')).Append('\n')
          .Append(fence).Append('\n');
    }
}
