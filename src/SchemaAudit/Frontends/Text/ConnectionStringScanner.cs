using System.Buffers;
using System.Text.RegularExpressions;
using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Text;

/// <summary>
/// Collects connection strings written with a password from any source or config file, for the
/// <c>hardcoded-credentials</c> rule: URLs (<c>scheme://user:pass@host</c>) and key-value strings
/// (<c>Server=db;User Id=sa;Password=…</c>, <c>host=db user=app password=…</c>).
/// Placeholders are kept here and judged by the rule; documentation, example files and comment lines are skipped.
/// </summary>
public sealed partial class ConnectionStringScanner : IFrontend
{
    public string Name => "connection-strings";

    [GeneratedRegex(@"\b(?:postgres(?:ql)?|pgsql|mysql|mariadb|mssql|sqlserver|oracle|cockroachdb|redshift|snowflake|clickhouse|redis|rediss|mongodb(?:\+srv)?|amqps?)(?:\+[a-z0-9_]+)?://[^\s:/@'""`]+:[^\s@'""`]+@[^\s'""`]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlWithPassword();

    // A key-value connection string: a host key and a password key in one run of text without quotes, separated by
    // `;` or spaces (never ", " or parentheses, which would be keyword arguments in code: `connect(host=h, password=p)`).
    [GeneratedRegex(@"(?:\b(?:server|host|data\s+source|datasource|address|addr|hostaddr)\s*=(?:[^'""`\r\n,()]|,(?!\s))*?\b(?:password|pwd)\s*=\s*[^;'""`\s,()]+|\b(?:password|pwd)\s*=\s*[^;'""`\s,()]+(?:[^'""`\r\n,()]|,(?!\s))*?\b(?:server|host|data\s+source|datasource)\s*=\s*[^;'""`\s,()]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex KeyValueWithPassword();

    // Files that describe connection strings rather than use them.
    private static readonly string[] s_documentationExtensions = [".md", ".markdown", ".rst", ".txt", ".adoc", ".html"];
    private static readonly string[] s_exampleMarkers = [".example", ".sample", ".template", ".dist", ".tmpl"];

    // Every file of the project is sniffed: one vectorized pass for all three markers instead of three scans.
    private static readonly SearchValues<string> s_markers = SearchValues.Create(["://", "password", "pwd"], StringComparison.OrdinalIgnoreCase);

    public bool Accepts(SourceFile file) =>
        !IsDocumentation(file.RelativePath) && file.Text.AsSpan().ContainsAny(s_markers);

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        foreach (var file in files)
        {
            var lines = new LineIndex(file.Text);
            var seen = new HashSet<int>();
            foreach (var m in UrlWithPassword().Matches(file.Text).Concat(KeyValueWithPassword().Matches(file.Text)))
            {
                var (line, column) = lines.Locate(m.Index);
                if (lines.IsCommentLine(line) || !seen.Add(m.Index)) continue;
                schema.ConnectionStrings.Add(new CodeLiteral(m.Value, SourceSpan.At(file.RelativePath, line, column)));
            }
        }
    }

    /// <summary>Documentation, examples and templates: their connection strings show a format, not a secret.</summary>
    public static bool IsDocumentation(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (Array.Exists(s_documentationExtensions, e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase))) return true;
        if (Array.Exists(s_exampleMarkers, m => name.Contains(m, StringComparison.OrdinalIgnoreCase))) return true;
        foreach (var segment in path.Split('/'))
        {
            if (segment.Equals("docs", StringComparison.OrdinalIgnoreCase) || segment.Equals("doc", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>Line starts computed once per file, so locating every match stays linear.</summary>
    private sealed class LineIndex
    {
        private readonly string _text;
        private readonly List<int> _starts = [0];

        public LineIndex(string text)
        {
            _text = text;
            for (var i = 0; i < text.Length; i++)
                if (text[i] == '\n') _starts.Add(i + 1);
        }

        public (int Line, int Column) Locate(int offset)
        {
            var i = _starts.BinarySearch(offset);
            if (i < 0) i = ~i - 1;
            return (i + 1, offset - _starts[i] + 1);
        }

        /// <summary>True when the line is a comment (<c>#</c>, <c>//</c>, <c>--</c>, <c>;</c>, <c>*</c> of a block comment).</summary>
        public bool IsCommentLine(int line)
        {
            var start = _starts[line - 1];
            var end = line < _starts.Count ? _starts[line] : _text.Length;
            var content = _text.AsSpan(start, end - start).TrimStart();
            return content.StartsWith("#") || content.StartsWith("//") || content.StartsWith("--")
                || content.StartsWith(";") || content.StartsWith("* ") || content.StartsWith("/*");
        }
    }
}
