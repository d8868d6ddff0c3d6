namespace SchemaAudit.Discovery;

/// <summary>
/// One gitignore-style pattern, compiled once: <c>*</c> and <c>?</c> (never across <c>/</c>),
/// <c>[a-z]</c> classes, <c>**</c> for any number of directories, a leading or middle <c>/</c>
/// anchoring the pattern to its base directory, a trailing <c>/</c> for directories only,
/// <c>!</c> for negation and <c>\</c> escapes. Matching walks path segments without
/// allocating and backtracks at most once per star (the classic wildcard algorithm).
/// </summary>
public sealed class GlobPattern
{
    private readonly Segment[] _segments;

    private GlobPattern(string text, Segment[] segments, bool negated, bool directoryOnly, bool anchored)
    {
        Text = text;
        _segments = segments;
        IsNegated = negated;
        IsDirectoryOnly = directoryOnly;
        IsAnchored = anchored;
    }

    /// <summary>The line as written (for messages).</summary>
    public string Text { get; }

    /// <summary><c>!pattern</c>: re-includes what an earlier pattern excluded.</summary>
    public bool IsNegated { get; }

    /// <summary><c>pattern/</c>: matches directories only.</summary>
    public bool IsDirectoryOnly { get; }

    /// <summary>Contains a <c>/</c> before its end: matched against the whole relative path, not the name.</summary>
    public bool IsAnchored { get; }

    /// <summary>Parses one line of a <c>.gitignore</c>; null for blank lines and comments.</summary>
    public static GlobPattern? Parse(string line)
    {
        var text = TrimUnescapedTrailingSpaces(line.TrimEnd('\r'));
        if (text.Length == 0 || text[0] == '#') return null;

        var body = text.AsSpan();
        var negated = false;
        if (body[0] == '!')
        {
            negated = true;
            body = body[1..];
        }
        var directoryOnly = false;
        if (body.Length > 0 && body[^1] == '/')
        {
            directoryOnly = true;
            body = body.TrimEnd('/');
        }
        if (body.Length == 0) return null;

        var anchored = body.Contains('/');
        body = body.TrimStart('/');
        if (body.Length == 0) return null;

        var parts = body.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = new List<Segment>(parts.Length);
        foreach (var part in parts)
        {
            // Consecutive "**" segments mean the same as one.
            if (part == "**" && segments.Count > 0 && segments[^1].IsDoubleStar) continue;
            segments.Add(Segment.Compile(part));
        }
        return new GlobPattern(text, [.. segments], negated, directoryOnly, anchored);
    }

    /// <summary>
    /// True when <paramref name="relativePath"/> (relative to the pattern's base directory,
    /// forward slashes, no leading slash) matches. Does not look at <see cref="IsNegated"/>.
    /// </summary>
    public bool Matches(ReadOnlySpan<char> relativePath, bool isDirectory)
    {
        if (IsDirectoryOnly && !isDirectory) return false;
        if (!IsAnchored)
        {
            // A pattern without a slash matches the name at any depth.
            var slash = relativePath.LastIndexOf('/');
            return _segments[0].Matches(relativePath[(slash + 1)..]);
        }
        // Most paths fail on their name: check the last segment before walking the whole path.
        var last = _segments[^1];
        if (!last.IsDoubleStar && !last.Matches(relativePath[(relativePath.LastIndexOf('/') + 1)..])) return false;
        return MatchSegments(relativePath);
    }

    // Wildcard matching over segments: "**" is the star, every other segment matches exactly one path segment.
    private bool MatchSegments(ReadOnlySpan<char> path)
    {
        var patternIndex = 0;
        var position = 0;               // start of the current path segment
        var starPattern = -1;           // pattern index after the last "**" seen
        var starPosition = 0;           // path position that "**" should absorb from on backtrack
        var atEnd = path.Length == 0;

        while (!atEnd)
        {
            var end = path[position..].IndexOf('/');
            var segmentEnd = end < 0 ? path.Length : position + end;
            var segment = path[position..segmentEnd];
            var next = end < 0 ? path.Length : segmentEnd + 1;

            if (patternIndex < _segments.Length && _segments[patternIndex].IsDoubleStar)
            {
                starPattern = ++patternIndex;
                starPosition = position;
                continue;
            }
            if (patternIndex < _segments.Length && _segments[patternIndex].Matches(segment))
            {
                patternIndex++;
                position = next;
                atEnd = end < 0;
                continue;
            }
            if (starPattern < 0) return false;

            // Let the last "**" absorb one more segment and retry from there.
            var absorbedEnd = path[starPosition..].IndexOf('/');
            if (absorbedEnd < 0) return TrailingDoubleStars(starPattern);
            starPosition += absorbedEnd + 1;
            position = starPosition;
            patternIndex = starPattern;
        }
        return TrailingDoubleStars(patternIndex);
    }

    // "a/**" matches everything inside a, but not a itself: a trailing "**" needs one segment.
    private bool TrailingDoubleStars(int from)
    {
        if (from >= _segments.Length) return true;
        for (var i = from; i < _segments.Length; i++)
        {
            if (!_segments[i].IsDoubleStar) return false;
        }
        return false;
    }

    private static string TrimUnescapedTrailingSpaces(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end >= 2 && line[end - 2] == '\\')) end--;
        return line[..end];
    }

    public override string ToString() => Text;

    /// <summary>One path segment of a pattern: a literal, <c>**</c>, or a glob over one name.</summary>
    private sealed class Segment
    {
        private readonly string _glob;
        private readonly string? _literal;

        private Segment(string glob, string? literal, bool doubleStar)
        {
            _glob = glob;
            _literal = literal;
            IsDoubleStar = doubleStar;
        }

        public bool IsDoubleStar { get; }

        public static Segment Compile(string part)
        {
            if (part == "**") return new Segment(part, null, doubleStar: true);
            return part.AsSpan().IndexOfAny("*?[\\") < 0
                ? new Segment(part, part, doubleStar: false)
                : new Segment(part, null, doubleStar: false);
        }

        public bool Matches(ReadOnlySpan<char> name)
        {
            if (IsDoubleStar) return true;
            if (_literal is not null) return name.SequenceEqual(_literal);
            return WildcardMatch(_glob, name);
        }

        // Two-pointer wildcard match with one backtrack point ('*' never spans '/', segments contain none).
        private static bool WildcardMatch(ReadOnlySpan<char> glob, ReadOnlySpan<char> name)
        {
            int g = 0, n = 0, starG = -1, starN = 0;
            while (n < name.Length)
            {
                if (g < glob.Length)
                {
                    var c = glob[g];
                    if (c == '*')
                    {
                        while (g < glob.Length && glob[g] == '*') g++;
                        starG = g;
                        starN = n;
                        continue;
                    }
                    if (c == '?')
                    {
                        g++;
                        n++;
                        continue;
                    }
                    if (c == '[' && TryMatchClass(glob, g, name[n], out var classEnd, out var matched))
                    {
                        if (matched)
                        {
                            g = classEnd;
                            n++;
                            continue;
                        }
                    }
                    else
                    {
                        if (c == '\\' && g + 1 < glob.Length) c = glob[++g];
                        if (c == name[n])
                        {
                            g++;
                            n++;
                            continue;
                        }
                    }
                }
                if (starG < 0) return false;
                g = starG;
                n = ++starN;
            }
            while (g < glob.Length && glob[g] == '*') g++;
            return g == glob.Length;
        }

        // "[abc]", "[a-z]", "[!a-z]" / "[^a-z]". An unterminated '[' is a literal.
        private static bool TryMatchClass(ReadOnlySpan<char> glob, int start, char ch, out int end, out bool matched)
        {
            var i = start + 1;
            var negate = i < glob.Length && (glob[i] == '!' || glob[i] == '^');
            if (negate) i++;
            var first = true;
            var inClass = false;
            for (; i < glob.Length && (first || glob[i] != ']'); i++, first = false)
            {
                var low = glob[i];
                if (low == '\\' && i + 1 < glob.Length) low = glob[++i];
                var high = low;
                if (i + 2 < glob.Length && glob[i + 1] == '-' && glob[i + 2] != ']')
                {
                    high = glob[i + 2];
                    if (high == '\\' && i + 3 < glob.Length) high = glob[++i + 2];
                    i += 2;
                }
                if (ch >= low && ch <= high) inClass = true;
            }
            if (i >= glob.Length)
            {
                end = start;
                matched = false;
                return false;
            }
            end = i + 1;
            matched = inClass != negate;
            return true;
        }
    }
}
