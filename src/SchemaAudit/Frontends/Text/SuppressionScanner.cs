using System.Text.RegularExpressions;
using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Text;

/// <summary>
/// Finds inline ignore comments in any language: <c># schema-audit: ignore[rule-a, rule-b]</c>,
/// <c>// schema-audit: ignore[...]</c>, <c>-- schema-audit: ignore</c> (no list = every rule).
/// Text-based so that every front-end gets suppressions for free.
/// </summary>
public static partial class SuppressionScanner
{
    private const string Marker = "schema-audit:";

    [GeneratedRegex(@"(?:#|//|--|/\*)\s*schema-audit:\s*ignore(?:\[(?<ids>[^\]]*)\])?", RegexOptions.CultureInvariant)]
    private static partial Regex IgnoreComment();

    public static void Scan(SourceFile file, List<InlineSuppression> into)
    {
        var text = file.Text;
        if (!text.Contains(Marker, StringComparison.Ordinal)) return;
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            var lineText = text.AsSpan(lineStart, i - lineStart);
            if (lineText.Contains(Marker, StringComparison.Ordinal))
            {
                foreach (Match m in IgnoreComment().Matches(lineText.ToString()))
                {
                    var ids = m.Groups["ids"].Success
                        ? m.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        : [];
                    into.Add(new InlineSuppression(ids, SourceSpan.At(file.RelativePath, line, m.Index + 1)));
                }
            }
            line++;
            lineStart = i + 1;
        }
    }
}
