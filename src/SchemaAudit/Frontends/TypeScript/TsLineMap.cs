namespace SchemaAudit.Frontends.TypeScript;

/// <summary>
/// Maps character offsets to 1-based line and column. Line breaks are <c>\n</c>, <c>\r\n</c>,
/// a lone <c>\r</c>, U+2028 and U+2029, as in ECMAScript.
/// </summary>
public sealed class TsLineMap
{
    private readonly int[] _lineStarts;

    private TsLineMap(int[] lineStarts) => _lineStarts = lineStarts;

    public int LineCount => _lineStarts.Length;

    public static TsLineMap Build(string text)
    {
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c is '\n' or '\u2028' or '\u2029')
            {
                starts.Add(i + 1);
            }
        }
        return new TsLineMap([.. starts]);
    }

    /// <summary>Line and column of <paramref name="offset"/> (clamped to the text).</summary>
    public (int Line, int Column) Locate(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0) index = ~index - 1;
        if (index < 0) index = 0;
        return (index + 1, offset - _lineStarts[index] + 1);
    }

    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';
}
