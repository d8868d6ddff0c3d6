using System.Text.RegularExpressions;

namespace SchemaAudit.Drift;

/// <summary>
/// Brings a server default to one spelling so that views can be compared:
/// <list type="bullet">
/// <item>ORM wrappers are unwrapped: <c>text("now()")</c>, <c>sa.text('x')</c> → their SQL; <c>func.now()</c>, <c>sa.func.now()</c> → <c>now()</c>.</item>
/// <item>Case, spaces and enclosing parentheses do not matter.</item>
/// <item>A cast on a literal does not matter: <c>'draft'::post_status</c> ≡ <c>'draft'</c>.</item>
/// <item>The current time has one name: <c>now()</c>, <c>CURRENT_TIMESTAMP</c>, <c>current_timestamp()</c>,
/// <c>transaction_timestamp()</c> are the same default in PostgreSQL (the start of the transaction), so they are
/// not drift. <c>clock_timestamp()</c>, <c>statement_timestamp()</c> and <c>LOCALTIMESTAMP</c> differ and stay apart.</item>
/// <item>Booleans: <c>'t'</c>/<c>'true'</c>/<c>true</c> and SQLAlchemy's <c>sa.true()</c>/<c>expression.true()</c> ≡ <c>true</c> (and likewise false).</item>
/// <item>A string literal holding a JSON array or object is compared as compact JSON: <c>'{ "a": 1 }'</c> ≡ <c>'{"a":1}'</c>.</item>
/// </list>
/// </summary>
public static partial class DefaultExpressionNormalizer
{
    [GeneratedRegex(@"^(?:[a-z_][\w]*\.)*text\(\s*(?<q>[""'])(?<sql>.*)\k<q>\s*\)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TextWrapper();

    [GeneratedRegex(@"^(?:[a-z_][\w]*\.)*func\.", RegexOptions.IgnoreCase)]
    private static partial Regex FuncPrefix();

    [GeneratedRegex(@"^(?<literal>'(?:[^']|'')*'|-?\d+(?:\.\d+)?)::[\w .""\[\]()]+$")]
    private static partial Regex CastLiteral();

    // sqlalchemy.true() / sa.sql.expression.false(): constructs that render as the boolean literal.
    [GeneratedRegex(@"^(?:[a-z_][\w]*\.)*(?<value>true|false)\(\)$", RegexOptions.IgnoreCase)]
    private static partial Regex BooleanConstruct();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static readonly System.Text.Json.JsonWriterOptions CompactJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><c>'[ "a" ]'</c> → <c>'["a"]'</c>; null when the literal is not a JSON array or object.</summary>
    private static string? CompactJsonLiteral(string literal)
    {
        if (literal.Length < 4 || literal[^1] != '\'' || literal[1] is not ('[' or '{')) return null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(literal[1..^1].Replace("''", "'", StringComparison.Ordinal));
            using var buffer = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, CompactJson)) document.WriteTo(writer);
            return "'" + System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Replace("'", "''", StringComparison.Ordinal) + "'";
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static string Normalize(string expression)
    {
        var t = expression.Trim();
        if (TextWrapper().Match(t) is { Success: true } wrapped) t = wrapped.Groups["sql"].Value.Trim();
        t = FuncPrefix().Replace(t, "");
        if (BooleanConstruct().Match(t) is { Success: true } boolean) t = boolean.Groups["value"].Value;
        t = Frontends.Live.CatalogText.WithoutOuterParentheses(t);
        if (CastLiteral().Match(t) is { Success: true } cast) t = cast.Groups["literal"].Value;
        t = Spaces().Replace(t, " ");
        var lower = t.ToLowerInvariant();
        return lower switch
        {
            "now()" or "current_timestamp" or "current_timestamp()" or "transaction_timestamp()" => "now()",
            "'t'" or "'true'" or "true" => "true",
            "'f'" or "'false'" or "false" => "false",
            _ when lower.StartsWith('\'') => CompactJsonLiteral(t) ?? t, // string literals keep their case
            _ => lower,
        };
    }
}
