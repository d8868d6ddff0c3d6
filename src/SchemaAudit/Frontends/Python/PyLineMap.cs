namespace SchemaAudit.Frontends.Python;

/// <summary>
/// Maps character offsets to 1-based line and column. Line breaks are <c>\n</c>, <c>\r\n</c> and a
/// lone <c>\r</c>, as in Python; a column counts UTF-16 characters from the start of the line.
/// </summary>
public sealed class PyLineMap
{
    private readonly int[] _lineStarts;

    private PyLineMap(int[] lineStarts) => _lineStarts = lineStarts;

    public int LineCount => _lineStarts.Length;

    public static PyLineMap Build(string text)
    {
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        var span = text.AsSpan();
        var offset = 0;
        while (true)
        {
            var i = span[offset..].IndexOfAny('\r', '\n');
            if (i < 0) break;
            offset += i;
            offset += span[offset] == '\r' && offset + 1 < span.Length && span[offset + 1] == '\n' ? 2 : 1;
            starts.Add(offset);
        }
        return new PyLineMap([.. starts]);
    }

    /// <summary>Line and column of <paramref name="offset"/> (clamped to the text).</summary>
    public (int Line, int Column) Locate(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0) index = ~index - 1;
        if (index < 0) index = 0;
        return (index + 1, offset - _lineStarts[index] + 1);
    }

    /// <summary>Like <see cref="Locate"/> for offsets that only grow: <paramref name="lineIndex"/> is the caller's cursor.</summary>
    public (int Line, int Column) LocateForward(int offset, ref int lineIndex)
    {
        while (lineIndex + 1 < _lineStarts.Length && _lineStarts[lineIndex + 1] <= offset) lineIndex++;
        return (lineIndex + 1, offset - _lineStarts[lineIndex] + 1);
    }
}
