namespace SchemaAudit.Discovery;

/// <summary>What a set of ignore patterns says about a path.</summary>
public enum IgnoreVerdict { Unmatched, Ignored, Included }

/// <summary>
/// The patterns of one ignore file (a <c>.gitignore</c>, <c>.git/info/exclude</c>, or the
/// configuration's <c>exclude</c> list), relative to the directory they belong to.
/// The last matching pattern wins, as in git.
/// </summary>
public sealed class IgnoreRules
{
    private readonly GlobPattern[] _patterns;

    public IgnoreRules(IEnumerable<string> lines, string baseDirectory = "")
    {
        _patterns = [.. lines.Select(GlobPattern.Parse).OfType<GlobPattern>()];
        BaseDirectory = baseDirectory.Trim('/');
    }

    /// <summary>Where the patterns are anchored, relative to the walk's root ("" for the root itself).</summary>
    public string BaseDirectory { get; }

    public bool IsEmpty => _patterns.Length == 0;

    public static IgnoreRules FromFile(string path, string baseDirectory)
    {
        var bytes = File.ReadAllBytes(path);
        var text = TextDecoding.Decode(bytes, out _);
        return new IgnoreRules(text.Split('\n'), baseDirectory);
    }

    /// <summary>
    /// The verdict for <paramref name="pathFromRoot"/> (relative to the walk's root), or
    /// <see cref="IgnoreVerdict.Unmatched"/> when it is not below <see cref="BaseDirectory"/>.
    /// </summary>
    public IgnoreVerdict Evaluate(string pathFromRoot, bool isDirectory)
    {
        if (_patterns.Length == 0) return IgnoreVerdict.Unmatched;
        ReadOnlySpan<char> relative = pathFromRoot;
        if (BaseDirectory.Length > 0)
        {
            if (!pathFromRoot.StartsWith(BaseDirectory, StringComparison.Ordinal)
                || pathFromRoot.Length <= BaseDirectory.Length + 1
                || pathFromRoot[BaseDirectory.Length] != '/')
            {
                return IgnoreVerdict.Unmatched;
            }
            relative = relative[(BaseDirectory.Length + 1)..];
        }
        for (var i = _patterns.Length - 1; i >= 0; i--)
        {
            if (_patterns[i].Matches(relative, isDirectory))
                return _patterns[i].IsNegated ? IgnoreVerdict.Included : IgnoreVerdict.Ignored;
        }
        return IgnoreVerdict.Unmatched;
    }
}

/// <summary>
/// The ignore files in effect in one directory: its own <c>.gitignore</c> first, then its
/// parents', then <c>.git/info/exclude</c>. Immutable, so a directory's scope is shared by
/// all its entries and a child scope costs one small object.
/// </summary>
public sealed class IgnoreScope
{
    private readonly IgnoreRules? _rules;
    private readonly IgnoreScope? _parent;

    private IgnoreScope(IgnoreRules? rules, IgnoreScope? parent)
    {
        _rules = rules;
        _parent = parent;
    }

    public static IgnoreScope Empty { get; } = new(null, null);

    /// <summary>A scope where <paramref name="rules"/> (a deeper ignore file) take precedence over this one.</summary>
    public IgnoreScope With(IgnoreRules rules) => rules.IsEmpty ? this : new IgnoreScope(rules, this);

    /// <summary>Deeper files decide first; within a file the last match wins.</summary>
    public bool IsIgnored(string pathFromRoot, bool isDirectory)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            var verdict = scope._rules?.Evaluate(pathFromRoot, isDirectory) ?? IgnoreVerdict.Unmatched;
            if (verdict != IgnoreVerdict.Unmatched) return verdict == IgnoreVerdict.Ignored;
        }
        return false;
    }
}
