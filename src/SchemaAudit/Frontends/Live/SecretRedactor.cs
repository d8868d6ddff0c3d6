using System.Text.RegularExpressions;

namespace SchemaAudit.Frontends.Live;

/// <summary>
/// Removes passwords from anything about to be printed: URLs (<c>scheme://user:secret@host</c>),
/// key-value connection strings (<c>Password=secret;</c>, <c>pwd=...</c>) and, when the password
/// is known, any literal occurrence of it (a driver may echo it in unexpected places).
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "***";

    [GeneratedRegex(@"(?<prefix>[a-z][a-z0-9+.\-]*://[^:/@\s]*:)(?<secret>[^@\s]*)(?=@)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<prefix>(?<![?&])\b(?:password|pwd|passwd)\s*=\s*)(?<secret>'[^']*'|""[^""]*""|[^;\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValuePassword();

    [GeneratedRegex(@"(?<prefix>[?&]password=)(?<secret>[^&\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex QueryPassword();

    public static string Redact(string text, string? knownPassword = null)
    {
        var result = UrlPassword().Replace(text, m => m.Groups["prefix"].Value + Mask);
        result = QueryPassword().Replace(result, m => m.Groups["prefix"].Value + Mask);
        result = KeyValuePassword().Replace(result, m => m.Groups["prefix"].Value + Mask);
        // Very short passwords would mask ordinary words; the patterns above already cover their usual places.
        if (knownPassword is { Length: >= 4 })
            result = result.Replace(knownPassword, Mask, StringComparison.Ordinal);
        return result;
    }
}
