using System.Globalization;
using System.Text;
using SchemaAudit.Reporting.Safety;

namespace SchemaAudit.Reporting.Html;

/// <summary>Escaping for everything user-controlled (identifiers, messages, paths, source lines) that goes into the page.</summary>
internal static class HtmlText
{
    /// <summary>Escapes text for element content and quoted attribute values, after <see cref="SafeText"/> (no password, no control character).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        text = SafeText.Block(text);
        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>Escapes a message and renders its <c>`identifiers`</c> as <c>&lt;code&gt;</c>.</summary>
    public static string WithCode(string text)
    {
        var parts = text.Split('`');
        if (parts.Length < 3) return Escape(text);
        var sb = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            // An unpaired final backtick stays a backtick.
            var inCode = i % 2 == 1 && i < parts.Length - 1;
            if (inCode) sb.Append("<code>").Append(Escape(parts[i])).Append("</code>");
            else sb.Append(i % 2 == 1 ? "`" + Escape(parts[i]) : Escape(parts[i]));
        }
        return sb.ToString();
    }

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
