using System.Text.RegularExpressions;

namespace SchemaAudit.Frontends.Live;

/// <summary>
/// Removes passwords from anything about to be printed: URLs (<c>scheme://user:secret@host</c>),
/// key-value connection strings and environment assignments (<c>Password=secret;</c>, <c>pwd=...</c>,
/// a misspelt <c>Pasword=</c>, <c>PGPASSWORD=...</c>, <c>MYSQL_PWD=...</c>), quoted JSON/YAML pairs
/// (<c>"password": "secret"</c>) and, when passwords are known, any literal occurrence of them (a
/// driver may echo one in unexpected places). Every message, report, excerpt and log line passes
/// through it (the command line's output writers apply it last, whatever printed the text).
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "***";

    // The password of a URL: everything between "user:" and the last '@' before the path.
    [GeneratedRegex(@"(?<prefix>[a-z][a-z0-9+.\-]*://[^:/@\s]*:)(?<secret>[^\s/?#]*)(?=@)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();

    // A password-like key (password, passwd, pwd, pass, a misspelt pasword/passord, PGPASSWORD, DB_PASS,
    // passphrase) then '=' (not '=='), then its value up to ';', '&', a space or the closing quote. A value
    // that is a call (`password = Column(String)`) is code, not a secret.
    [GeneratedRegex("""
        (?<prefix>\b[\w.\-]*?(?:pass(?:w(?:or|o|r)?d|wort|phrase)?|pas+w(?:or|o|r)?d|pwd)\b\s*=(?!=)\s*)
        (?!\w[\w.]*\()
        (?<secret>'[^']*'|"[^"]*"|\\"[^"\\]*\\"|&quot;.*?&quot;|&\#39;.*?&\#39;|[^;&\s'"<>,)]+)
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex KeyValuePassword();

    // "password": "secret" and password: 'secret' (JSON, YAML, Python dicts): quoted values only.
    [GeneratedRegex("""
        (?<prefix>["']?\b[\w.\-]*?(?:pass(?:w(?:or|o|r)?d|wort|phrase)?|pas+w(?:or|o|r)?d|pwd)\b["']?\s*:\s*)
        (?<secret>"[^"]+"|'[^']+')
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex QuotedPair();

    public static string Redact(string text, string? knownPassword = null) =>
        Redact(text, knownPassword is null ? [] : [knownPassword]);

    /// <summary>Masks every password the patterns find, then every literal occurrence of <paramref name="knownPasswords"/>.</summary>
    public static string Redact(string text, IReadOnlyCollection<string> knownPasswords)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var result = text;
        if (result.Contains("://", StringComparison.Ordinal))
            result = UrlPassword().Replace(result, m => m.Groups["secret"].Length == 0 ? m.Value : m.Groups["prefix"].Value + Mask);
        if (result.Contains('=', StringComparison.Ordinal))
            result = KeyValuePassword().Replace(result, MaskValue);
        if (result.Contains(':', StringComparison.Ordinal))
            result = QuotedPair().Replace(result, MaskValue);
        foreach (var known in knownPasswords)
        {
            // Very short passwords would mask ordinary words; the patterns above already cover their usual places.
            if (known.Length >= 4) result = result.Replace(known, Mask, StringComparison.Ordinal);
        }
        return result;
    }

    /// <summary>
    /// The passwords written in <paramref name="text"/> (a URL's, a key-value string's), so that they
    /// can be masked wherever else they show up (a driver message, an error about the whole string).
    /// </summary>
    public static IReadOnlyList<string> PasswordsIn(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var found = new List<string>();
        foreach (Match m in UrlPassword().Matches(text))
        {
            var secret = m.Groups["secret"].Value;
            if (secret.Length == 0) continue;
            found.Add(secret);
            var unescaped = Uri.UnescapeDataString(secret);
            if (unescaped != secret) found.Add(unescaped);
        }
        foreach (Match m in KeyValuePassword().Matches(text))
            found.Add(m.Groups["secret"].Value.Trim('\'', '"'));
        return [.. found.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    private static string MaskValue(Match m)
    {
        var secret = m.Groups["secret"].Value;
        return secret.Trim('\'', '"', '\\').Length == 0 || secret == Mask ? m.Value : m.Groups["prefix"].Value + Mask;
    }
}
