using System.Text.RegularExpressions;
using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Text;

/// <summary>
/// Collects database URLs written with a user and a password (<c>scheme://user:pass@host</c>)
/// from any source or config file, for the <c>hardcoded-credentials</c> rule.
/// </summary>
public sealed partial class ConnectionStringScanner : IFrontend
{
    public string Name => "connection-strings";

    [GeneratedRegex(@"\b(?:postgres(?:ql)?|mysql|mariadb|mssql|oracle|sqlite|redis|mongodb(?:\+srv)?|amqp)(?:\+[a-z0-9_]+)?://[^\s:/@'""`]+:[^\s@'""`]+@[^\s'""`]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlWithPassword();

    public bool Accepts(SourceFile file) => file.Text.Contains("://", StringComparison.Ordinal);

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        foreach (var file in files)
        {
            foreach (Match m in UrlWithPassword().Matches(file.Text))
            {
                var (line, column) = LineAndColumn(file.Text, m.Index);
                schema.ConnectionStrings.Add(new CodeLiteral(m.Value, SourceSpan.At(file.RelativePath, line, column)));
            }
        }
    }

    private static (int Line, int Column) LineAndColumn(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        }
        return (line, offset - lineStart + 1);
    }
}
