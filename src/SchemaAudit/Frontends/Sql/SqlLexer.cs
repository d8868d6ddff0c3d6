using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Sql;

/// <summary>
/// Splits SQL text into tokens in one linear pass. Never throws: an unterminated string,
/// quoted identifier, dollar body or comment runs to the end of the text and is reported.
/// Comments (<c>--</c>, nested <c>/* */</c>) and psql meta-commands (<c>\connect</c>) are dropped.
/// </summary>
internal sealed class SqlLexer
{
    private readonly string _text;
    private readonly string _path;
    private readonly int _firstLine;
    private readonly int _firstColumn;
    private readonly List<SqlToken> _tokens = [];
    private readonly List<Diagnostic> _diagnostics;
    private int _pos;
    private int _line;
    private int _lineStart;
    private bool _backslashEscapes;

    private SqlLexer(string text, string path, int firstLine, int firstColumn, List<Diagnostic> diagnostics)
    {
        _text = text;
        _path = path;
        _firstLine = firstLine;
        _firstColumn = firstColumn;
        _diagnostics = diagnostics;
        _line = firstLine;
    }

    /// <summary>Tokenizes <paramref name="text"/>; the last token is always <see cref="SqlTokenKind.End"/>.</summary>
    /// <param name="firstLine">Line in the file where the text starts (SQL embedded in Python starts mid-file).</param>
    /// <param name="firstColumn">Column in the file of the text's first character.</param>
    public static List<SqlToken> Tokenize(string text, string path, List<Diagnostic> diagnostics, int firstLine = 1, int firstColumn = 1)
    {
        var lexer = new SqlLexer(text, path, firstLine, firstColumn, diagnostics);
        lexer.Run();
        return lexer._tokens;
    }

    private int ColumnAt(int offset) => _line == _firstLine ? offset - _lineStart + _firstColumn : offset - _lineStart + 1;

    private void Run()
    {
        var text = _text;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '\n') { _pos++; _line++; _lineStart = _pos; continue; }
            if (char.IsWhiteSpace(c)) { _pos++; continue; }
            var start = _pos;
            var line = _line;
            var column = ColumnAt(start);
            SqlTokenKind kind;
            if (c == '-' && Next(1) == '-') { SkipLineComment(); continue; }
            if (c == '/' && Next(1) == '*') { SkipBlockComment(line, column); continue; }
            if (c == '\\' && IsLineStartSoFar(start)) { SkipLineComment(); continue; }
            if (c == '\'')
            {
                kind = SqlTokenKind.String;
                LexQuoted('\'', _backslashEscapes, line, column, "string");
            }
            else if ((c is 'E' or 'e' or 'N' or 'n' or 'X' or 'x' or 'B' or 'b') && Next(1) == '\'')
            {
                kind = SqlTokenKind.String;
                _pos++;
                LexQuoted('\'', c is 'E' or 'e' || _backslashEscapes, line, column, "string");
            }
            else if (c == '"')
            {
                kind = SqlTokenKind.QuotedIdentifier;
                LexQuoted('"', false, line, column, "quoted identifier");
            }
            else if (c == '`')
            {
                kind = SqlTokenKind.QuotedIdentifier;
                _backslashEscapes = true; // backticks mean MySQL, where '\'' escapes a quote
                LexQuoted('`', false, line, column, "quoted identifier");
            }
            else if (c == '[' && IsBracketIdentifier(start))
            {
                kind = SqlTokenKind.QuotedIdentifier;
                _pos = text.IndexOf(']', start) + 1;
            }
            else if (IsWordStart(c))
            {
                kind = SqlTokenKind.Word;
                _pos++;
                while (_pos < text.Length && IsWordPart(text[_pos])) _pos++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Next(1))))
            {
                kind = SqlTokenKind.Number;
                LexNumber();
            }
            else if (c == '$')
            {
                kind = LexDollar(line, column);
            }
            else if (c == '?' || (c == ':' && IsWordStart(Next(1)) && Previous() != ':'))
            {
                kind = SqlTokenKind.Parameter;
                _pos++;
                while (_pos < text.Length && IsWordPart(text[_pos])) _pos++;
            }
            else if (c is '(' or ')' or ',' or ';' or '.' or '[' or ']')
            {
                kind = SqlTokenKind.Punct;
                _pos++;
            }
            else
            {
                kind = SqlTokenKind.Operator;
                _pos++;
                if (c == ':' && Next(0) is ':' or '=') _pos++;
            }
            _tokens.Add(new SqlToken(kind, start, _pos - start, line, column));
        }
        _tokens.Add(new SqlToken(SqlTokenKind.End, text.Length, 0, _line, ColumnAt(text.Length)));
    }

    private char Next(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private char Previous() => _pos > 0 ? _text[_pos - 1] : '\0';

    private bool IsLineStartSoFar(int offset)
    {
        for (var i = _lineStart; i < offset; i++)
            if (!char.IsWhiteSpace(_text[i])) return false;
        return true;
    }

    internal static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    internal static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private void SkipLineComment()
    {
        var end = _text.IndexOf('\n', _pos);
        _pos = end < 0 ? _text.Length : end;
    }

    private void SkipBlockComment(int line, int column)
    {
        var depth = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '/' && Next(1) == '*') { depth++; _pos += 2; continue; }
            if (c == '*' && Next(1) == '/')
            {
                depth--;
                _pos += 2;
                if (depth == 0) return;
                continue;
            }
            if (c == '\n') { _line++; _lineStart = _pos + 1; }
            _pos++;
        }
        Report(line, column, "unterminated comment: expected '*/'");
    }

    /// <summary>Lexes from the opening quote at <c>_pos</c> to the closing one; a doubled quote is an escaped quote.</summary>
    private void LexQuoted(char quote, bool backslashEscapes, int line, int column, string what)
    {
        _pos++;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\\' && backslashEscapes && _pos + 1 < _text.Length)
            {
                if (_text[_pos + 1] == '\n') { _line++; _lineStart = _pos + 2; }
                _pos += 2;
                continue;
            }
            if (c == quote)
            {
                if (Next(1) == quote) { _pos += 2; continue; }
                _pos++;
                return;
            }
            if (c == '\n') { _line++; _lineStart = _pos + 1; }
            _pos++;
        }
        Report(line, column, $"unterminated {what}: expected {quote}");
    }

    /// <summary><c>[name]</c> is a SQL Server / SQLite quoted identifier, unless it is an array suffix or subscript (<c>text[]</c>, <c>a[1]</c>).</summary>
    private bool IsBracketIdentifier(int start)
    {
        if (start > 0 && (IsWordPart(_text[start - 1]) || _text[start - 1] is ')' or ']')) return false;
        if (start + 1 >= _text.Length || !IsWordStart(_text[start + 1])) return false;
        for (var i = start + 1; i < _text.Length; i++)
        {
            var c = _text[i];
            if (c == ']') return true;
            if (c == '\n' || c == '[' || c == '(' || c == ')' || c == ',' || c == ';') return false;
        }
        return false;
    }

    private void LexNumber()
    {
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.' || _text[_pos] == '_'))
        {
            if (_text[_pos] == '.' && Next(1) == '.') break; // 1..2 is not a number
            _pos++;
        }
        if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-') _pos++;
            if (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
            else
                _pos = save;
        }
    }

    /// <summary><c>$$...$$</c> and <c>$tag$...$tag$</c> bodies, or a positional parameter <c>$1</c>.</summary>
    private SqlTokenKind LexDollar(int line, int column)
    {
        var start = _pos;
        var tagEnd = start + 1;
        if (tagEnd < _text.Length && char.IsAsciiDigit(_text[tagEnd]))
        {
            while (tagEnd < _text.Length && char.IsAsciiDigit(_text[tagEnd])) tagEnd++;
            _pos = tagEnd;
            return SqlTokenKind.Parameter;
        }
        while (tagEnd < _text.Length && (char.IsLetterOrDigit(_text[tagEnd]) || _text[tagEnd] == '_')) tagEnd++;
        if (tagEnd >= _text.Length || _text[tagEnd] != '$')
        {
            _pos = start + 1;
            return SqlTokenKind.Operator;
        }
        var tag = _text.AsSpan(start, tagEnd - start + 1);
        var bodyStart = tagEnd + 1;
        var close = _text.AsSpan(bodyStart).IndexOf(tag, StringComparison.Ordinal);
        var end = close < 0 ? _text.Length : bodyStart + close + tag.Length;
        for (var i = bodyStart; i < end; i++)
            if (_text[i] == '\n') { _line++; _lineStart = i + 1; }
        _pos = end;
        if (close < 0) Report(line, column, $"unterminated dollar-quoted body: expected {tag.ToString()}");
        return SqlTokenKind.DollarString;
    }

    private void Report(int line, int column, string message) =>
        _diagnostics.Add(new Diagnostic(SourceSpan.At(_path, line, column), message));
}
