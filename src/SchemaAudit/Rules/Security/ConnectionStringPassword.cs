using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SchemaAudit.Rules.Security;

/// <summary>Finds, judges and masks the password in a connection string (URL or key-value form).</summary>
internal static partial class ConnectionStringPassword
{
    /// <summary>Where the password is in a connection string, and the host it unlocks.</summary>
    public readonly record struct Located(int Start, int Length, string? Host)
    {
        public string Password(string value) => value.Substring(Start, Length);
    }

    [GeneratedRegex(@"\b(?:password|pwd)\s*=\s*(?<pw>[^;\s'""`]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePassword();

    [GeneratedRegex(@"\b(?:server|host|data\s+source|datasource|address|addr|hostaddr)\s*=\s*(?<host>[^;\s'""`]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueHost();

    // Templating and obvious stand-ins: ${VAR}, $VAR, {password}, {{ pw }}, %(password)s, %s, <password>, [password], ***, xxx, ...
    [GeneratedRegex(@"^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|.*\{.*\}.*|%\(?[A-Za-z_]*\)?s|<[^>]*>|\[[^\]]*\]|\*+|x+|\.+|_+|-+|\?+|\$\(.*\))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Templated();

    // `PASSWORD`, `DB_PASSWORD`, `POSTGRES_PWD`: a variable name where the value goes.
    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*(?:PASS|PWD|SECRET)[A-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UpperCaseVariable();

    // Words that stand for "put your password here", never a password anyone uses.
    private static readonly FrozenSet<string> s_standIns = new[]
    {
        "password", "pass", "passwd", "pwd", "your_password", "yourpassword", "your-password", "mypassword", "my_password",
        "my-password", "db_password", "dbpassword", "placeholder", "redacted", "hidden", "masked", "secret_here", "password_here",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static Located? Find(string value)
    {
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var authorityStart = scheme + 3;
            var at = value.IndexOf('@', authorityStart);
            if (at < 0) return null;
            var colon = value.IndexOf(':', authorityStart, at - authorityStart);
            if (colon < 0 || colon + 1 >= at) return null;
            var hostEnd = value.IndexOfAny(['/', '?', '#', ':', ','], at + 1);
            var host = value[(at + 1)..(hostEnd < 0 ? value.Length : hostEnd)];
            return new Located(colon + 1, at - colon - 1, host);
        }
        var pw = KeyValuePassword().Match(value);
        if (!pw.Success) return null;
        var hostMatch = KeyValueHost().Match(value);
        return new Located(pw.Groups["pw"].Index, pw.Groups["pw"].Length, hostMatch.Success ? hostMatch.Groups["host"].Value : null);
    }

    /// <summary>True when the password is templating or a stand-in, not a real secret.</summary>
    public static bool IsPlaceholder(string password) =>
        password.Length == 0 || Templated().IsMatch(password) || UpperCaseVariable().IsMatch(password) || s_standIns.Contains(password);

    /// <summary>The connection string with the password replaced by <c>****</c>: reports never repeat a secret.</summary>
    public static string Mask(string value, Located located) =>
        string.Concat(value.AsSpan(0, located.Start), "****", value.AsSpan(located.Start + located.Length));

    /// <summary>True for hosts that only reach the developer's own machine.</summary>
    public static bool IsLoopback(string? host) =>
        host is not null && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.", StringComparison.Ordinal)
                             || host is "[::1]" or "::1" or "0.0.0.0");
}
