using SchemaAudit.Reporting.Safety;

namespace SchemaAudit.Reporting;

/// <summary>
/// Markdown building blocks with the escaping GitHub needs. Lines always end in LF. Every line passes
/// <see cref="SafeText"/> (no password, no raw control character); cells cannot break the table and
/// inline code cannot be closed early by a backtick in a name.
/// </summary>
internal sealed class MarkdownWriter(TextWriter output)
{
    private bool _atBlockStart = true;

    /// <summary>A heading, separated from what precedes it by one blank line.</summary>
    public void Heading(int level, string text)
    {
        BlankLine();
        Line($"{new string('#', level)} {text}");
        BlankLine();
    }

    public void Paragraph(string text)
    {
        BlankLine();
        Line(text);
        BlankLine();
    }

    public void Line(string text = "")
    {
        output.Write(SafeText.Block(text));
        output.Write('\n');
        _atBlockStart = text.Length == 0;
    }

    /// <summary>Ends the current block; never writes two blank lines in a row.</summary>
    public void BlankLine()
    {
        if (_atBlockStart) return;
        output.Write('\n');
        _atBlockStart = true;
    }

    /// <summary>A table; <paramref name="rightAligned"/> marks numeric columns.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlySet<int>? rightAligned = null)
    {
        BlankLine();
        Line("| " + string.Join(" | ", headers.Select(Cell)) + " |");
        Line("|" + string.Join("|", headers.Select((_, i) => rightAligned?.Contains(i) == true ? "---:" : "---")) + "|");
        foreach (var row in rows)
            Line("| " + string.Join(" | ", row.Select(Cell)) + " |");
        BlankLine();
    }

    /// <summary>A fenced code block, indented (to sit inside a list item) when asked; the fence outgrows any backtick run in the code.</summary>
    public void CodeBlock(string language, string code, string indent = "")
    {
        var fence = new string('`', Math.Max(3, LongestBacktickRun(code) + 1));
        Line($"{indent}{fence}{language}");
        foreach (var line in code.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
            Line(line.Length == 0 ? "" : indent + line);
        Line(indent + fence);
    }

    /// <summary>Inline code that survives backticks inside the text.</summary>
    public static string Code(string text)
    {
        var run = LongestBacktickRun(text);
        if (run == 0) return $"`{text}`";
        var ticks = new string('`', run + 1);
        return $"{ticks} {text} {ticks}";
    }

    /// <summary>Table cells cannot hold pipes or line breaks.</summary>
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == '`' ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }
        return longest;
    }
}
