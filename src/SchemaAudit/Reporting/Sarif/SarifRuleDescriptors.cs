using System.Text;
using System.Text.Json;
using SchemaAudit.Analysis;
using SchemaAudit.Rules;

namespace SchemaAudit.Reporting.Sarif;

/// <summary>
/// <c>tool.driver.rules</c>: one reporting descriptor per rule that ran or fired, sorted by id (the
/// index of a rule in this list is each result's <c>ruleIndex</c>). Texts come from the rule metadata,
/// as <c>explain</c> and <c>docs/rules</c> do.
/// </summary>
internal sealed class SarifRuleDescriptors
{
    private readonly List<(string Id, RuleMetadata? Metadata)> _rules;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public SarifRuleDescriptors(IEnumerable<string> ruleIds, Func<string, RuleMetadata?> metadata)
    {
        _rules = [.. ruleIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => (id, metadata(id)))];
        for (var i = 0; i < _rules.Count; i++) _index[_rules[i].Id] = i;
    }

    public int IndexOf(string ruleId) => _index[ruleId];

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartArray("rules");
        foreach (var (id, meta) in _rules)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("name", PascalCase(id));
            if (meta is not null)
            {
                Text(w, "shortDescription", meta.Title);
                Text(w, "fullDescription", meta.Why);
                w.WriteStartObject("help");
                w.WriteString("text", HelpText(meta));
                w.WriteString("markdown", HelpMarkdown(meta));
                w.WriteEndObject();
            }
            w.WriteString("helpUri", ProjectLinks.RuleHelp(id));
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", SarifLevels.Of(meta?.Severity ?? Severity.Warning));
            w.WriteEndObject();
            if (meta is not null)
            {
                w.WriteStartObject("properties");
                w.WriteString("category", meta.Category.Id());
                w.WriteString("severity", meta.Severity.Id());
                w.WriteStartArray("tags");
                w.WriteStringValue("database");
                w.WriteStringValue(meta.Category.Id());
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Text(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static string HelpText(RuleMetadata meta)
    {
        var sb = new StringBuilder();
        sb.Append(meta.Title).Append("\n\nWhy it matters: ").Append(meta.Why).Append("\n\nHow to fix: ").Append(meta.Fix);
        if (meta.KnownProblems is { } known) sb.Append("\n\nKnown problems: ").Append(known);
        return sb.ToString();
    }

    private static string HelpMarkdown(RuleMetadata meta)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(meta.Title).Append("**\n\n");
        sb.Append("### Why it matters\n\n").Append(meta.Why).Append("\n\n");
        sb.Append("### How to fix\n\n").Append(meta.Fix).Append('\n');
        Example(sb, "Bad", meta.BadExample, meta.ExampleLanguage);
        Example(sb, "Good", meta.GoodExample, meta.ExampleLanguage);
        if (meta.KnownProblems is { } known) sb.Append("\n### Known problems\n\n").Append(known).Append('\n');
        return sb.ToString();
    }

    private static void Example(StringBuilder sb, string title, string code, string language)
    {
        if (string.IsNullOrWhiteSpace(code)) return;
        // A fence longer than any backtick run in the example, so examples cannot close it early.
        var fence = new string('`', Math.Max(3, LongestBacktickRun(code) + 1));
        sb.Append("\n### ").Append(title).Append("\n\n").Append(fence).Append(language).Append('\n')
          .Append(code.TrimEnd('\n')).Append('\n').Append(fence).Append('\n');
    }

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    /// <summary>SARIF rule names are identifiers: <c>fk-missing-index</c> → <c>FkMissingIndex</c>.</summary>
    internal static string PascalCase(string id)
    {
        var sb = new StringBuilder(id.Length);
        var upper = true;
        foreach (var ch in id)
        {
            if (!char.IsAsciiLetterOrDigit(ch))
            {
                upper = true;
                continue;
            }
            sb.Append(upper ? char.ToUpperInvariant(ch) : ch);
            upper = false;
        }
        return sb.ToString();
    }
}
