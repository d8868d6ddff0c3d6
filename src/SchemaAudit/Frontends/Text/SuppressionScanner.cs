using System.Text.RegularExpressions;
using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Text;

/// <summary>
/// Finds inline ignore comments in any language: <c># schema-audit: ignore[rule-a, rule-b]</c>,
/// <c>// schema-audit: ignore[...]</c>, <c>-- schema-audit: ignore</c> (no list = every rule).
/// Text-based so that every front-end gets suppressions for free.
/// </summary>
/// <remarks>
/// A comment after code suppresses findings on its own line; a comment on a line of its own
/// suppresses findings on the next line of code (blank lines and other comments in between
/// are skipped), so a stack of comments above a declaration works.
/// </remarks>
public static partial class SuppressionScanner
{
    private const string Marker = "schema-audit:";

    [GeneratedRegex(@"(?:#|//|--|/\*)\s*schema-audit:\s*ignore(?:\[(?<ids>[^\]]*)\])?", RegexOptions.CultureInvariant)]
    private static partial Regex IgnoreComment();

    public static void Scan(SourceFile file, List<InlineSuppression> into)
    {
        var text = file.Text;
        if (!text.Contains(Marker, StringComparison.Ordinal)) return;

        var waitingForCode = new List<int>(); // indexes in `into` of comments that stand on their own line
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            var lineText = text.AsSpan(lineStart, i - lineStart).TrimEnd('\r');
            if (lineText.Contains(Marker, StringComparison.Ordinal))
                AddComments(file, lineText, line, into, waitingForCode);
            if (IsCode(lineText))
            {
                foreach (var index in waitingForCode) into[index] = into[index] with { AppliesToLine = line };
                waitingForCode.Clear();
            }
            line++;
            lineStart = i + 1;
        }
    }

    private static void AddComments(SourceFile file, ReadOnlySpan<char> lineText, int line, List<InlineSuppression> into, List<int> waitingForCode)
    {
        var lineString = lineText.ToString();
        foreach (Match m in IgnoreComment().Matches(lineString))
        {
            var ids = m.Groups["ids"].Success
                ? m.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            var standsAlone = lineText[..m.Index].IsWhiteSpace();
            if (standsAlone) waitingForCode.Add(into.Count);
            into.Add(new InlineSuppression(ids, SourceSpan.At(file.RelativePath, line, m.Index + 1))
            {
                // Until code follows, a lone comment covers only itself (and is then reported unused).
                AppliesToLine = line,
            });
        }
    }

    /// <summary>A line with something other than whitespace and a comment.</summary>
    private static bool IsCode(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        return !trimmed.IsEmpty
            && !trimmed.StartsWith("#")
            && !trimmed.StartsWith("//")
            && !trimmed.StartsWith("--")
            && !trimmed.StartsWith("/*")
            && !trimmed.StartsWith("*");
    }
}
