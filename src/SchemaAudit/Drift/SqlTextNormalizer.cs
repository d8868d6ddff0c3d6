using System.Text.RegularExpressions;

namespace SchemaAudit.Drift;

/// <summary>
/// One spelling for index predicates and index expressions, which the catalog rewrites
/// (<c>WHERE deleted_at IS NULL</c> comes back as <c>(deleted_at IS NULL)</c>, <c>lower(email)</c> as
/// <c>lower((email)::text)</c>): lower case, single spaces, no casts, no parentheses around a lone
/// name, no enclosing parentheses, no identifier quotes. Given the index's own table, a column
/// qualified by it is the bare column (drizzle-kit writes <c>"incident"."resolved_at" IS NULL</c>
/// for a predicate the model spells <c>resolved_at IS NULL</c>).
/// </summary>
public static partial class SqlTextNormalizer
{
    [GeneratedRegex(@"::\s*[a-z_][\w]*(?:\s+(?:varying|precision|without time zone|with time zone))?(?:\(\d+(?:,\d+)?\))?(?:\[\])?", RegexOptions.IgnoreCase)]
    private static partial Regex Cast();

    [GeneratedRegex(@"\(\s*([a-z_][\w.]*|'(?:[^']|'')*')\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ParenthesizedName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*([(),])\s*")]
    private static partial Regex Punctuation();

    public static string Normalize(string? text, string? ownTable = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var t = text.Replace("\"", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(ownTable)) t = WithoutQualifier(t, ownTable);
        t = Cast().Replace(t, "");
        // Repeat: ((email)) needs two passes, and removing one pair can expose another.
        string before;
        do
        {
            before = t;
            t = ParenthesizedName().Replace(t, m => IsCallBefore(t, m.Index) ? m.Value : m.Groups[1].Value);
        }
        while (t != before);
        t = Spaces().Replace(t, " ").Trim();
        t = Punctuation().Replace(t, "$1");
        t = Frontends.Live.CatalogText.WithoutOuterParentheses(t);
        return t.ToLowerInvariant();
    }

    /// <summary><c>incident.resolved_at</c> → <c>resolved_at</c> where <c>incident</c> stands as a whole name (not <c>x_incident.</c>).</summary>
    private static string WithoutQualifier(string text, string table)
    {
        var prefix = table + ".";
        var result = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var at = text.IndexOf(prefix, i, StringComparison.OrdinalIgnoreCase);
            if (at < 0) break;
            var standsAlone = at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] is '_' or '.');
            result.Append(text, i, at - i);
            if (!standsAlone) result.Append(prefix);
            i = at + prefix.Length;
        }
        return result.Append(text, i, text.Length - i).ToString();
    }

    // lower(email) must keep its parentheses: they are the call's.
    private static bool IsCallBefore(string text, int open)
    {
        var i = open - 1;
        while (i >= 0 && text[i] == ' ') i--;
        return i >= 0 && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
    }
}
