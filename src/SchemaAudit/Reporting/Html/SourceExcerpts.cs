using SchemaAudit.Discovery;
using SchemaAudit.Reporting.Safety;

namespace SchemaAudit.Reporting.Html;

/// <summary>One line of a code excerpt, and whether it is a line the finding points at.</summary>
public sealed record ExcerptLine(int Number, string Text, bool IsTarget);

/// <summary>
/// Reads the audited sources at report time for code excerpts. Paths are the findings' paths,
/// relative to <see cref="Root"/>; a file that is gone, unreadable, or outside the root yields no
/// excerpt rather than an error. Each file is read once.
/// </summary>
public sealed class SourceExcerpts(string root)
{
    private const long MaxFileBytes = 4 * 1024 * 1024;
    private readonly Dictionary<string, string[]?> _files = new(StringComparer.Ordinal);

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Lines <paramref name="line"/>−<paramref name="context"/> to <paramref name="endLine"/>+<paramref name="context"/>, or empty.</summary>
    public IReadOnlyList<ExcerptLine> Around(string path, int line, int endLine, int context = 2)
    {
        if (line <= 0 || Lines(path) is not { } lines || line > lines.Length) return [];
        var last = Math.Min(Math.Max(endLine, line), line + 8);
        var from = Math.Max(1, line - context);
        var to = Math.Min(lines.Length, last + context);
        var excerpt = new List<ExcerptLine>(to - from + 1);
        for (var n = from; n <= to; n++)
            // A source line may hold a credential (the very one a finding masks) or control bytes: never shown raw.
            excerpt.Add(new ExcerptLine(n, SafeText.Block(lines[n - 1].TrimEnd('\r')), n >= line && n <= last));
        return excerpt;
    }

    private string[]? Lines(string path)
    {
        if (_files.TryGetValue(path, out var cached)) return cached;
        return _files[path] = Read(path);
    }

    private string[]? Read(string path)
    {
        if (path.Length == 0) return null;
        try
        {
            var full = Path.GetFullPath(Path.Combine(Root, path));
            // Report paths are relative to the root; anything else is not ours to show.
            var rootWithSeparator = Path.EndsInDirectorySeparator(Root) ? Root : Root + Path.DirectorySeparatorChar;
            if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal)) return null;
            var info = new FileInfo(full);
            if (!info.Exists || info.Length > MaxFileBytes) return null;
            var bytes = File.ReadAllBytes(full);
            if (TextDecoding.LooksBinary(bytes)) return null;
            var text = TextDecoding.Decode(bytes, out _);
            // A final newline ends the last line; it does not start another.
            return (text.EndsWith('\n') ? text[..^1] : text).Split('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
