using System.Text;

namespace SchemaAudit.Frontends.TypeScript;

// Strings, numbers, template literals and regular expressions.
public sealed partial class TsLexer
{
    private void ScanString(char quote)
    {
        var start = _pos++;
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= _end || _text[_pos] is '\n' or '\r')
            {
                _errors.Add(new TsSyntaxError(start, "unterminated string literal"));
                break;
            }
            var c = _text[_pos];
            if (c == quote)
            {
                _pos++;
                break;
            }
            if (c == '\\')
            {
                ReadEscape(value);
                continue;
            }
            value.Append(c);
            _pos++;
        }
        Add(TsTokenKind.String, start, _pos - start, value.ToString());
    }

    /// <summary>Reads one escape sequence starting at the backslash and appends its meaning.</summary>
    private void ReadEscape(StringBuilder value)
    {
        _pos++; // backslash
        if (_pos >= _end) return;
        var c = _text[_pos++];
        switch (c)
        {
            case 'n': value.Append('\n'); break;
            case 't': value.Append('\t'); break;
            case 'r': value.Append('\r'); break;
            case 'b': value.Append('\b'); break;
            case 'f': value.Append('\f'); break;
            case 'v': value.Append('\v'); break;
            case '0' when _pos >= _end || !char.IsAsciiDigit(_text[_pos]): value.Append('\0'); break;
            case '\r':
                if (_pos < _end && _text[_pos] == '\n') _pos++; // line continuation
                break;
            case '\n' or '\u2028' or '\u2029': break;
            case 'x': AppendCodePoint(value, ReadHex(2, 2)); break;
            case 'u':
                if (_pos < _end && _text[_pos] == '{')
                {
                    _pos++;
                    var code = ReadHex(1, 6);
                    if (_pos < _end && _text[_pos] == '}') _pos++;
                    AppendCodePoint(value, code);
                }
                else
                {
                    AppendCodePoint(value, ReadHex(4, 4));
                }
                break;
            default: value.Append(c); break;
        }
    }

    private int ReadHex(int min, int max)
    {
        var start = _pos;
        var code = 0;
        while (_pos < _end && _pos - start < max && char.IsAsciiHexDigit(_text[_pos]))
            code = code * 16 + HexValue(_text[_pos++]);
        if (_pos - start < min)
        {
            _errors.Add(new TsSyntaxError(start, "invalid escape sequence"));
            return -1;
        }
        return code;
    }

    private static void AppendCodePoint(StringBuilder value, int code)
    {
        if (code < 0) return;
        if (code > 0x10FFFF) code = 0xFFFD;
        if (code is >= 0xD800 and <= 0xDFFF) value.Append((char)code);
        else value.Append(char.ConvertFromUtf32(code));
    }

    private void ScanNumber()
    {
        var start = _pos;
        var c = _text[_pos];
        if (c == '0' && _pos + 1 < _end && _text[_pos + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var radix = char.ToLowerInvariant(_text[_pos + 1]);
            _pos += 2;
            var digitsStart = _pos;
            while (_pos < _end && (IsRadixDigit(_text[_pos], radix) || _text[_pos] == '_')) _pos++;
            if (_pos == digitsStart) _errors.Add(new TsSyntaxError(start, $"expected digits after '0{radix}'"));
        }
        else
        {
            ScanDigits();
            if (_pos < _end && _text[_pos] == '.')
            {
                _pos++;
                ScanDigits();
            }
            if (_pos < _end && _text[_pos] is 'e' or 'E')
            {
                var save = _pos++;
                if (_pos < _end && _text[_pos] is '+' or '-') _pos++;
                if (_pos < _end && char.IsAsciiDigit(_text[_pos])) ScanDigits();
                else
                {
                    _errors.Add(new TsSyntaxError(save, "expected exponent digits"));
                }
            }
        }
        if (_pos < _end && _text[_pos] == 'n') _pos++; // BigInt
        if (_pos < _end && IsIdentifierStart(_text[_pos]))
        {
            _errors.Add(new TsSyntaxError(_pos, "an identifier cannot start right after a number"));
            ScanIdentifierTail();
        }
        Add(TsTokenKind.Number, start, _pos - start, _text[start.._pos]);
    }

    private void ScanDigits()
    {
        while (_pos < _end && (char.IsAsciiDigit(_text[_pos]) || (_text[_pos] == '_' && _pos + 1 < _end && char.IsAsciiDigit(_text[_pos + 1]))))
            _pos++;
    }

    private static bool IsRadixDigit(char c, char radix) => radix switch
    {
        'x' => char.IsAsciiHexDigit(c),
        'o' => c is >= '0' and <= '7',
        _ => c is '0' or '1',
    };

    private void ScanTemplateToken()
    {
        var start = _pos;
        var parts = ScanTemplate(0);
        _templates.Add(parts);
        Add(TsTokenKind.Template, start, _pos - start, parts.Quasis.Count == 1 ? parts.Quasis[0] : "", _templates.Count - 1);
    }

    /// <summary>
    /// Scans a template literal from its opening backquote. Substitutions are skipped by
    /// balancing braces (aware of strings, comments and nested templates) and their offsets
    /// recorded, so the parser can parse their contents as expressions.
    /// </summary>
    private TsTemplateParts ScanTemplate(int depth)
    {
        var start = _pos++;
        var quasis = new List<string>();
        var substitutions = new List<(int, int)>();
        var quasi = new StringBuilder();
        while (true)
        {
            if (_pos >= _end)
            {
                _errors.Add(new TsSyntaxError(start, "unterminated template literal"));
                break;
            }
            var c = _text[_pos];
            if (c == '`')
            {
                _pos++;
                break;
            }
            if (c == '\\')
            {
                quasi.Append(c);
                if (_pos + 1 < _end) quasi.Append(_text[_pos + 1]);
                _pos += 2;
                continue;
            }
            if (c == '$' && _pos + 1 < _end && _text[_pos + 1] == '{')
            {
                quasis.Add(quasi.ToString());
                quasi.Clear();
                _pos += 2;
                var contentStart = _pos;
                SkipSubstitution(depth);
                substitutions.Add((contentStart, Math.Max(contentStart, _pos - 1)));
                continue;
            }
            quasi.Append(c);
            _pos++;
        }
        quasis.Add(quasi.ToString());
        return new TsTemplateParts(quasis, substitutions);
    }

    /// <summary>Moves past the <c>}</c> that closes a substitution (or to the end of the input).</summary>
    private void SkipSubstitution(int depth)
    {
        var braces = 0;
        while (_pos < _end)
        {
            var c = _text[_pos];
            switch (c)
            {
                case '{': braces++; _pos++; break;
                case '}':
                    _pos++;
                    if (braces-- == 0) return;
                    break;
                case '"' or '\'':
                    SkipQuoted(c);
                    break;
                case '`':
                    if (depth < MaxTemplateDepth) ScanTemplate(depth + 1);
                    else SkipQuoted('`');
                    break;
                case '/' when _pos + 1 < _end && _text[_pos + 1] == '/':
                    SkipLine();
                    break;
                case '/' when _pos + 1 < _end && _text[_pos + 1] == '*':
                    var close = _text.IndexOf("*/", _pos + 2, _end - _pos - 2, StringComparison.Ordinal);
                    _pos = close < 0 ? _end : close + 2;
                    break;
                default: _pos++; break;
            }
        }
        _errors.Add(new TsSyntaxError(_pos, "unterminated template substitution: expected '}'"));
    }

    private void SkipQuoted(char quote)
    {
        _pos++;
        while (_pos < _end && _text[_pos] != quote)
        {
            if (quote != '`' && _text[_pos] is '\n' or '\r') return;
            _pos += _text[_pos] == '\\' ? 2 : 1;
        }
        if (_pos < _end) _pos++;
    }

    /// <summary>Scans <c>/body/flags</c>; false (nothing consumed) when the line ends first, so <c>/</c> is lexed as a punctuator.</summary>
    private bool TryScanRegex()
    {
        var start = _pos;
        var i = _pos + 1;
        var inClass = false;
        while (true)
        {
            if (i >= _end || TsLineMap.IsLineBreak(_text[i])) return false;
            var c = _text[i];
            if (c == '\\') { i += 2; continue; }
            if (c == '[') inClass = true;
            else if (c == ']') inClass = false;
            else if (c == '/' && !inClass) break;
            i++;
        }
        if (i == _pos + 1) return false; // `//` is a comment, never an empty regex
        _pos = i + 1;
        ScanIdentifierTail(); // flags
        Add(TsTokenKind.Regex, start, _pos - start, _text[start.._pos]);
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
