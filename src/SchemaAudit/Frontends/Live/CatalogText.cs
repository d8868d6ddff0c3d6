using System.Text.RegularExpressions;

namespace SchemaAudit.Frontends.Live;

/// <summary>Small rewrites of the catalog's spelling of expressions into the way DDL writes them.</summary>
internal static partial class CatalogText
{
    [GeneratedRegex(@"^(?<literal>'(?:[^']|'')*'|-?\d+(?:\.\d+)?)::(?<type>[A-Za-z_][\w .""]*?(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?)$")]
    private static partial Regex CastLiteral();

    /// <summary>
    /// <c>'draft'::post_status</c> on a <c>post_status</c> column is <c>'draft'</c>: the catalog adds
    /// the cast to the column's own type; DDL does not write it. Other casts are kept.
    /// </summary>
    public static string WithoutOwnTypeCast(string expression, string columnType)
    {
        var match = CastLiteral().Match(expression.Trim());
        if (!match.Success) return expression;
        var cast = TypeKey(match.Groups["type"].Value);
        var own = TypeKey(columnType);
        return cast == own || cast == WithoutParameters(own) ? match.Groups["literal"].Value : expression;
    }

    private static string TypeKey(string type)
    {
        var t = type.Trim().Trim('"').ToLowerInvariant();
        var dot = t.LastIndexOf('.');
        if (dot >= 0 && !t.Contains('(', StringComparison.Ordinal)) t = t[(dot + 1)..].Trim('"');
        return t;
    }

    private static string WithoutParameters(string type)
    {
        var open = type.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) return type;
        var close = type.IndexOf(')', open);
        return (type[..open] + (close < 0 ? "" : type[(close + 1)..])).Trim();
    }

    /// <summary>Removes parentheses that enclose the whole text: <c>((a > 0))</c> → <c>a > 0</c>.</summary>
    public static string WithoutOuterParentheses(string text)
    {
        var t = text.Trim();
        while (t.Length >= 2 && t[0] == '(' && t[^1] == ')' && ClosingParenthesis(t, 0) == t.Length - 1)
            t = t[1..^1].Trim();
        return t;
    }

    /// <summary>Index of the parenthesis closing the one at <paramref name="open"/>, skipping string literals; -1 when unbalanced.</summary>
    private static int ClosingParenthesis(string text, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'') inString = !inString;
            else if (inString) continue;
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary><c>CHECK ((price > 0)) NOT VALID</c> → <c>price > 0</c>.</summary>
    public static string CheckExpression(string constraintDefinition)
    {
        var t = constraintDefinition.Trim();
        if (t.StartsWith("CHECK", StringComparison.OrdinalIgnoreCase)) t = t[5..];
        if (t.EndsWith("NOT VALID", StringComparison.OrdinalIgnoreCase)) t = t[..^9];
        if (t.EndsWith("NO INHERIT", StringComparison.OrdinalIgnoreCase)) t = t[..^10];
        return WithoutOuterParentheses(t);
    }
}
