using System.Globalization;
using System.Text;

namespace SchemaAudit.Frontends.Python;

public sealed partial class PyLexer
{
    [Flags]
    private enum StringPrefix : byte { None = 0, Raw = 1, Bytes = 2, Format = 4, Unicode = 8 }

    /// <summary>r, b, u, f, t and the two-letter combinations Python allows, in any case.</summary>
    private static bool TryParsePrefix(ReadOnlySpan<char> word, out StringPrefix prefix)
    {
        prefix = StringPrefix.None;
        if (word.Length > 2) return false;
        foreach (var c in word)
        {
            var flag = char.ToLowerInvariant(c) switch
            {
                'r' => StringPrefix.Raw,
                'b' => StringPrefix.Bytes,
                'f' or 't' => StringPrefix.Format,
                'u' => StringPrefix.Unicode,
                _ => StringPrefix.None,
            };
            if (flag == StringPrefix.None || (prefix & flag) != 0) return false;
            prefix |= flag;
        }
        // u combines with nothing; b cannot be combined with f.
        if ((prefix & StringPrefix.Unicode) != 0 && word.Length > 1) return false;
        return (prefix & (StringPrefix.Bytes | StringPrefix.Format)) != (StringPrefix.Bytes | StringPrefix.Format);
    }

    /// <summary>Lexes a string literal whose prefix starts at <paramref name="start"/> and opening quote is at <paramref name="quote"/>.</summary>
    private void LexString(int start, int quote, StringPrefix prefix)
    {
        _lineHasTokens = true;
        var q = _text[quote];
        var triple = quote + 2 < _text.Length && _text[quote + 1] == q && _text[quote + 2] == q;
        var contentStart = quote + (triple ? 3 : 1);

        var isFormat = (prefix & StringPrefix.Format) != 0;
        var (contentEnd, tokenEnd, hasEscape) = isFormat
            ? ScanFormatString(contentStart, q, triple)
            : ScanPlainString(contentStart, q, triple);

        if (tokenEnd == contentEnd)
            Error(start, triple ? "unterminated triple-quoted string literal" : "unterminated string literal");

        var raw = _text.AsSpan(contentStart, contentEnd - contentStart);
        var value = isFormat || (prefix & StringPrefix.Raw) != 0 || !hasEscape
            ? raw.ToString()
            : DecodeEscapes(raw, (prefix & StringPrefix.Bytes) != 0);

        _pos = tokenEnd;
        Add(PyTokenKind.String, start, tokenEnd - start, value);
    }

    /// <summary>Finds the closing quote. Returns the content end, the token end (== content end when unterminated) and whether a backslash occurred.</summary>
    private (int ContentEnd, int TokenEnd, bool HasEscape) ScanPlainString(int i, char q, bool triple)
    {
        var hasEscape = false;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (c == '\\')
            {
                hasEscape = true;
                i += i + 1 < _text.Length ? 1 + Math.Max(1, LineBreakLength(i + 1)) : 1;
                continue;
            }
            if (c == q)
            {
                if (!triple) return (i, i + 1, hasEscape);
                if (i + 2 < _text.Length && _text[i + 1] == q && _text[i + 2] == q) return (i, i + 3, hasEscape);
            }
            else if (!triple && c is '\n' or '\r')
            {
                return (i, i, hasEscape);
            }
            i++;
        }
        return (_text.Length, _text.Length, hasEscape);
    }

    /// <summary>
    /// Like <see cref="ScanPlainString"/> but aware of replacement fields: inside <c>{...}</c>, brackets
    /// nest and quotes start nested strings, so <c>f"{d['k']}"</c> and <c>f"{x["k"]}"</c> end where Python ends them.
    /// </summary>
    private (int ContentEnd, int TokenEnd, bool HasEscape) ScanFormatString(int i, char q, bool triple)
    {
        var depth = 0;
        var hasEscape = false;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (!triple && c is '\n' or '\r') return (i, i, hasEscape);
            if (depth == 0)
            {
                if (c == '\\')
                {
                    hasEscape = true;
                    i += i + 1 < _text.Length ? 1 + Math.Max(1, LineBreakLength(i + 1)) : 1;
                    continue;
                }
                if (c == '{')
                {
                    if (i + 1 < _text.Length && _text[i + 1] == '{') { i += 2; continue; }
                    depth = 1;
                }
                else if (c == q)
                {
                    if (!triple) return (i, i + 1, hasEscape);
                    if (i + 2 < _text.Length && _text[i + 1] == q && _text[i + 2] == q) return (i, i + 3, hasEscape);
                }
                i++;
                continue;
            }

            switch (c)
            {
                case '{' or '(' or '[':
                    depth++;
                    break;
                case '}' or ')' or ']':
                    depth--;
                    break;
                case '\'' or '"':
                    var nestedTriple = i + 2 < _text.Length && _text[i + 1] == c && _text[i + 2] == c;
                    var (_, nestedEnd, _) = ScanPlainString(i + (nestedTriple ? 3 : 1), c, nestedTriple);
                    i = nestedEnd;
                    continue;
            }
            i++;
        }
        return (_text.Length, _text.Length, hasEscape);
    }

    /// <summary>Decodes the escapes Python knows; unknown escapes stay as written (backslash included).</summary>
    private static string DecodeEscapes(ReadOnlySpan<char> raw, bool isBytes)
    {
        var sb = new StringBuilder(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c != '\\' || i + 1 >= raw.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }

            var e = raw[i + 1];
            i += 2;
            switch (e)
            {
                case '\n': break; // backslash-newline joins the lines
                case '\r':
                    if (i < raw.Length && raw[i] == '\n') i++;
                    break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case >= '0' and <= '7':
                    var octal = e - '0';
                    for (var n = 0; n < 2 && i < raw.Length && raw[i] is >= '0' and <= '7'; n++, i++) octal = octal * 8 + (raw[i] - '0');
                    sb.Append((char)octal);
                    break;
                case 'x':
                    AppendHex(sb, raw, ref i, 2, e);
                    break;
                case 'u' when !isBytes:
                    AppendHex(sb, raw, ref i, 4, e);
                    break;
                case 'U' when !isBytes:
                    AppendHex(sb, raw, ref i, 8, e);
                    break;
                default:
                    sb.Append('\\').Append(e);
                    break;
            }
        }
        return sb.ToString();
    }

    private static void AppendHex(StringBuilder sb, ReadOnlySpan<char> raw, ref int i, int digits, char escape)
    {
        if (i + digits <= raw.Length
            && int.TryParse(raw.Slice(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            && code is >= 0 and <= 0x10FFFF)
        {
            if (code < 0x10000) sb.Append((char)code);
            else sb.Append(char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code));
            i += digits;
            return;
        }
        sb.Append('\\').Append(escape); // malformed: keep as written
    }
}
