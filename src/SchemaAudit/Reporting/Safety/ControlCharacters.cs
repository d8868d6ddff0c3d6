using System.Globalization;
using System.Text;

namespace SchemaAudit.Reporting.Safety;

/// <summary>
/// Characters that must never reach a terminal or a document raw: C0 controls (but tab and line
/// feed), DEL, C1 controls, and the Unicode bidirectional overrides that make text read differently
/// from what it is ("Trojan Source"). An escape byte starts ANSI sequences that clear the screen or
/// set the terminal title; once it is replaced by a visible picture the rest of the sequence is
/// plain text.
/// </summary>
public static class ControlCharacters
{
    /// <summary>True when <paramref name="c"/> must be neutralised (line feed and tab are allowed).</summary>
    public static bool IsUnsafe(char c) =>
        (c < 0x20 && c != '\n' && c != '\t')
        || c is '\u007F'
        || c is >= '\u0080' and <= '\u009F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        || c is '\u200E' or '\u200F' or '\u061C';

    /// <summary>True when the text holds a character <see cref="IsUnsafe"/> (or a line break when <paramref name="inline"/>).</summary>
    public static bool AnyUnsafe(string text, bool inline = false)
    {
        foreach (var c in text)
            if (IsUnsafe(c) || (inline && c is '\n' or '\t')) return true;
        return false;
    }

    /// <summary>
    /// Replaces each unsafe character by a visible stand-in: C0 controls by their Unicode control
    /// picture (ESC shows as ␛, BEL as ␇), DEL by ␡, C1 controls and direction marks by <c>&lt;U+XXXX&gt;</c>.
    /// With <paramref name="inline"/>, line feeds and tabs are replaced too (a name is one line).
    /// </summary>
    public static string Neutralize(string? text, bool inline = false)
    {
        if (string.IsNullOrEmpty(text) || !AnyUnsafe(text, inline)) return text ?? "";
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!IsUnsafe(c) && !(inline && c is '\n' or '\t')) sb.Append(c);
            else if (c < 0x20) sb.Append((char)(0x2400 + c));
            else if (c == '\u007F') sb.Append('\u2421');
            else sb.Append("<U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('>');
        }
        return sb.ToString();
    }

    /// <summary>
    /// <see cref="Neutralize"/> for a terminal line that may carry our own colour: <c>ESC [ digits ; m</c>
    /// (SGR) sequences are kept when <paramref name="keepColor"/>, every other escape is neutralised.
    /// </summary>
    public static string NeutralizeForTerminal(string text, bool keepColor)
    {
        if (!AnyUnsafe(text)) return text;
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\u001B' && keepColor && SgrLength(text, i) is var length and > 0)
            {
                sb.Append(text, i, length);
                i += length - 1;
            }
            else if (IsUnsafe(c))
            {
                sb.Append(Neutralize(c.ToString()));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    // ESC '[' (digits | ';')* 'm': a colour or style, nothing else.
    private static int SgrLength(string text, int start)
    {
        if (start + 2 >= text.Length || text[start + 1] != '[') return 0;
        var i = start + 2;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == ';')) i++;
        return i < text.Length && text[i] == 'm' ? i - start + 1 : 0;
    }
}
