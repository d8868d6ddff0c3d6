using System.Globalization;
using SchemaAudit.Model;

namespace SchemaAudit.Pipeline;

/// <summary>
/// Keeps a pathological file (a minified bundle, a generated blob with a model extension) from burying
/// the report: at most <see cref="PerFile"/> errors are kept per file, whatever front-end produced them,
/// followed by one note that says how many more there were.
/// </summary>
public static class DiagnosticLimit
{
    public const int PerFile = 10;

    public static void Apply(List<Diagnostic> diagnostics)
    {
        var errorsByFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<Diagnostic>(diagnostics.Count);
        var firstDropped = new Dictionary<string, Diagnostic>(StringComparer.Ordinal);
        foreach (var d in diagnostics)
        {
            if (d.Severity != DiagnosticSeverity.Error || d.Span.IsNone)
            {
                kept.Add(d);
                continue;
            }
            var seen = errorsByFile[d.Span.Path] = errorsByFile.GetValueOrDefault(d.Span.Path) + 1;
            if (seen <= PerFile) kept.Add(d);
            else firstDropped.TryAdd(d.Span.Path, d);
        }
        if (firstDropped.Count == 0) return;
        foreach (var (path, first) in firstDropped)
        {
            var more = errorsByFile[path] - PerFile;
            kept.Add(new Diagnostic(first.Span, string.Create(CultureInfo.InvariantCulture,
                $"... and {more} more error{(more == 1 ? "" : "s")} in this file, not shown (the first {PerFile} are above)")));
        }
        diagnostics.Clear();
        diagnostics.AddRange(kept);
    }
}
