using System.Text;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Sql;

/// <summary>
/// Recursive-descent parser for the DDL that SchemaAudit models (PostgreSQL, SQLite and
/// MySQL's common subset). It never throws: a statement it does not understand gets one
/// diagnostic (path:line:col, what was expected) and parsing resumes after the next
/// top-level <c>;</c>. Statements it does not model (functions, views, grants, DML ...)
/// are skipped silently. The grammar is walked with loops, not recursion, so deeply
/// nested input cannot overflow the stack; parenthesised expressions are kept as text.
/// </summary>
internal sealed partial class SqlParser
{
    private readonly string _text;
    private readonly string _path;
    private readonly List<SqlToken> _tokens;
    private readonly List<Diagnostic> _diagnostics;
    private readonly List<SqlStatement> _statements = [];
    private readonly Dictionary<string, int> _dialectVotes = new(StringComparer.Ordinal);
    private int _pos;

    /// <summary>How many <c>DO</c> bodies this parser is nested in (see <see cref="ParseDoBlock"/>).</summary>
    private readonly int _depth;

    /// <summary>Set by the first error of a statement: the rest of it is skipped, and no second error is reported.</summary>
    private bool _failed;

    private SqlParser(string text, string path, int firstLine, int firstColumn, int depth = 0)
    {
        _depth = depth;
        _text = text;
        _path = path;
        _diagnostics = [];
        _tokens = SqlLexer.Tokenize(text, path, _diagnostics, firstLine, firstColumn);
    }

    /// <summary>Parses SQL text. <paramref name="firstLine"/>/<paramref name="firstColumn"/> place embedded SQL (Alembic <c>op.execute</c>) in its file.</summary>
    public static SqlScript Parse(string path, string text, int firstLine = 1, int firstColumn = 1)
    {
        var parser = new SqlParser(text, path, firstLine, firstColumn);
        parser.ParseStatements();
        return new SqlScript { Statements = parser._statements, Diagnostics = parser._diagnostics, DialectVotes = parser._dialectVotes };
    }

    private void ParseStatements()
    {
        foreach (var token in _tokens)
        {
            if (token.Kind == SqlTokenKind.DollarString) Vote("postgresql");
            else if (token.Kind == SqlTokenKind.QuotedIdentifier && _text[token.Start] == '`') Vote("mysql");
        }
        while (Cur.Kind != SqlTokenKind.End)
        {
            if (AcceptPunct(';')) continue;
            var start = _pos;
            _failed = false;
            var statement = ParseStatement();
            if (statement is not null) _statements.Add(statement);
            if (!_failed && Cur.Kind != SqlTokenKind.End && !IsPunct(Cur, ';') && statement is not null)
                Error("';' at the end of the statement");
            if (_failed) Resynchronize(start); else SkipToStatementEnd();
            if (_pos == start) _pos++; // always make progress
        }
    }

    private SqlStatement? ParseStatement()
    {
        var head = Cur;
        if (head.Kind != SqlTokenKind.Word)
        {
            Error("a SQL statement");
            return null;
        }
        var word = Text(head).ToUpperInvariant();
        switch (word)
        {
            case "CREATE": return ParseCreate();
            case "ALTER": return ParseAlter();
            case "DROP": return ParseDrop();
            case "COMMENT": return ParseComment();
            case "DO":
                ParseDoBlock();
                return null;
            default:
                if (!s_skippedStatements.Contains(word)) Error("a SQL statement");
                return null;
        }
    }

    // Statements that are valid SQL but not part of the schema model: skipped without a diagnostic.
    private static readonly HashSet<string> s_skippedStatements = new(StringComparer.Ordinal)
    {
        "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "GRANT", "REVOKE", "SET", "RESET", "SHOW",
        "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "START", "END", "ABORT", "DO", "PRAGMA", "USE", "WITH",
        "VACUUM", "ANALYZE", "ANALYSE", "TRUNCATE", "COPY", "LOCK", "UNLOCK", "CALL", "EXECUTE", "EXEC", "PREPARE", "DEALLOCATE",
        "DECLARE", "FETCH", "CLOSE", "LISTEN", "NOTIFY", "UNLISTEN", "REFRESH", "REINDEX", "CLUSTER", "DISCARD", "LOAD",
        "SECURITY", "IMPORT", "EXPLAIN", "VALUES", "TABLE", "ATTACH", "DETACH", "DELIMITER", "RENAME", "CHECKPOINT",
        "OPTIMIZE", "FLUSH", "GO", "PERFORM", "RAISE", "IF", "RETURN", "CHECKSUM", "REPAIR", "HANDLER", "SOURCE", "OPEN",
    };

    // ----- recovery -----

    /// <summary>Skips to the next top-level <c>;</c> (the statement's end).</summary>
    private void SkipToStatementEnd()
    {
        while (Cur.Kind != SqlTokenKind.End && !IsPunct(Cur, ';')) _pos++;
    }

    /// <summary>
    /// After an error: skips to the next <c>;</c>, or to a DDL keyword that starts a line
    /// (a forgotten <c>;</c> must not swallow the next CREATE TABLE).
    /// </summary>
    private void Resynchronize(int statementStart)
    {
        while (Cur.Kind != SqlTokenKind.End && !IsPunct(Cur, ';'))
        {
            if (_pos > statementStart && IsLineStart(_pos) && IsDdlHead(Cur)) return;
            _pos++;
        }
    }

    private bool IsLineStart(int index) => index == 0 || _tokens[index - 1].Line < _tokens[index].Line;

    private bool IsDdlHead(SqlToken token) =>
        IsWord(token, "CREATE") || IsWord(token, "ALTER") || IsWord(token, "DROP") || IsWord(token, "COMMENT");

    private void Error(string expected)
    {
        if (_failed) return;
        _failed = true;
        var token = Cur;
        var found = token.Kind == SqlTokenKind.End ? "end of input" : $"'{Shorten(Text(token))}'";
        _diagnostics.Add(new Diagnostic(SourceSpan.At(_path, token.Line, token.Column), $"expected {expected}, found {found}"));
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private void Vote(string dialect) => _dialectVotes[dialect] = _dialectVotes.GetValueOrDefault(dialect) + 1;

    // ----- token helpers -----

    private SqlToken Cur => _tokens[_pos];

    private SqlToken Peek(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private SqlToken Previous => _tokens[Math.Max(_pos - 1, 0)];

    private void Advance()
    {
        if (Cur.Kind != SqlTokenKind.End) _pos++;
    }

    private string Text(SqlToken token) => _text.Substring(token.Start, token.Length);

    private string TextBetween(int start, int end) => end > start ? _text[start..end] : "";

    private bool IsWord(SqlToken token, string word) =>
        token.Kind == SqlTokenKind.Word && token.Length == word.Length
        && _text.AsSpan(token.Start, token.Length).Equals(word, StringComparison.OrdinalIgnoreCase);

    private bool IsPunct(SqlToken token, char c) => token.Kind == SqlTokenKind.Punct && _text[token.Start] == c;

    private bool AtWord(string word) => IsWord(Cur, word);

    private bool AtPunct(char c) => IsPunct(Cur, c);

    private bool AtStatementEnd => Cur.Kind == SqlTokenKind.End || AtPunct(';');

    private bool AcceptWord(string word)
    {
        if (!AtWord(word)) return false;
        _pos++;
        return true;
    }

    /// <summary>Accepts a sequence of words only when all of them are there.</summary>
    private bool AcceptWords(string first, string second)
    {
        if (!AtWord(first) || !IsWord(Peek(1), second)) return false;
        _pos += 2;
        return true;
    }

    private bool AcceptWords(string first, string second, string third)
    {
        if (!AtWord(first) || !IsWord(Peek(1), second) || !IsWord(Peek(2), third)) return false;
        _pos += 3;
        return true;
    }

    private bool AcceptPunct(char c)
    {
        if (!AtPunct(c)) return false;
        _pos++;
        return true;
    }

    private bool ExpectWord(string word)
    {
        if (AcceptWord(word)) return true;
        Error($"'{word}'");
        return false;
    }

    private bool ExpectPunct(char c)
    {
        if (AcceptPunct(c)) return true;
        Error($"'{c}'");
        return false;
    }

    private static bool IsIdentifier(SqlToken token) => token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>The value of an identifier token: unquoted, doubled quotes collapsed.</summary>
    private string IdentifierValue(SqlToken token)
    {
        if (token.Kind != SqlTokenKind.QuotedIdentifier) return Text(token);
        var open = _text[token.Start];
        var close = open == '[' ? ']' : open;
        var inner = token.Length >= 2 && _text[token.End - 1] == close
            ? _text.Substring(token.Start + 1, token.Length - 2)
            : _text.Substring(token.Start + 1, Math.Max(0, token.Length - 1));
        return open == '[' ? inner : inner.Replace(new string(close, 2), close.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The value of a string literal token: quotes and prefix removed, escapes resolved.</summary>
    private string StringValue(SqlToken token)
    {
        var start = token.Start;
        var end = token.End;
        if (token.Kind == SqlTokenKind.DollarString)
        {
            var tagEnd = _text.IndexOf('$', start + 1);
            var tagLength = tagEnd - start + 1;
            return end - tagLength >= start + tagLength ? _text[(start + tagLength)..(end - tagLength)] : _text[Math.Min(start + tagLength, end)..end];
        }
        var backslash = false;
        if (_text[start] != '\'')
        {
            backslash = _text[start] is 'E' or 'e';
            start++;
        }
        start++; // opening quote
        if (end - 1 >= start && _text[end - 1] == '\'') end--;
        var builder = new StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            var c = _text[i];
            if (c == '\\' && backslash && i + 1 < end) c = _text[++i];
            else if (c == '\'' && i + 1 < end && _text[i + 1] == '\'') i++;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>An identifier, or an error naming <paramref name="what"/>.</summary>
    private string? ParseIdentifier(string what)
    {
        if (IsIdentifier(Cur))
        {
            var value = IdentifierValue(Cur);
            _pos++;
            return value;
        }
        Error(what);
        return null;
    }

    /// <summary><c>name</c>, <c>schema.name</c> or <c>db.schema.name</c> (the last two parts are kept).</summary>
    private SqlName? ParseName(string what)
    {
        var first = ParseIdentifier(what);
        if (first is null) return null;
        string? schema = null;
        var name = first;
        while (AtPunct('.') && IsIdentifier(Peek(1)))
        {
            _pos++;
            schema = name;
            name = IdentifierValue(Cur);
            _pos++;
        }
        return new SqlName(schema, name);
    }

    /// <summary>A span from <paramref name="start"/> to the end of the last consumed token.</summary>
    private SourceSpan SpanFrom(SqlToken start)
    {
        var last = _pos > 0 ? _tokens[_pos - 1] : start;
        if (last.Start < start.Start) last = start;
        var (endLine, endColumn) = EndOf(last);
        return new SourceSpan(_path, start.Line, start.Column, endLine, endColumn);
    }

    private (int Line, int Column) EndOf(SqlToken token)
    {
        var line = token.Line;
        var column = token.Column;
        for (var i = token.Start; i < token.End; i++)
        {
            if (_text[i] == '\n') { line++; column = 1; }
            else column++;
        }
        return (line, column);
    }

    /// <summary>
    /// Consumes an expression up to a top-level <c>,</c>, <c>)</c>, <c>;</c> or a word that
    /// <paramref name="stopAt"/> accepts, and returns its source text (at least one token).
    /// </summary>
    private string ReadExpression(Func<SqlToken, bool>? stopAt = null)
    {
        var depth = 0;
        var startToken = Cur;
        var first = true;
        while (Cur.Kind != SqlTokenKind.End && !AtPunct(';'))
        {
            var token = Cur;
            if (depth == 0)
            {
                if (IsPunct(token, ',') || IsPunct(token, ')') || IsPunct(token, ']')) break;
                if (!first && stopAt is not null && stopAt(token)) break;
            }
            if (IsPunct(token, '(') || IsPunct(token, '[')) depth++;
            else if (IsPunct(token, ')') || IsPunct(token, ']')) depth--;
            first = false;
            _pos++;
        }
        if (first) return "";
        return TextBetween(startToken.Start, Previous.End).Trim();
    }

    /// <summary>At <c>(</c>: consumes up to the matching <c>)</c> and returns the text between them.</summary>
    private string ReadParenthesized()
    {
        var open = Cur;
        if (!ExpectPunct('(')) return "";
        var depth = 1;
        while (Cur.Kind != SqlTokenKind.End && !AtPunct(';'))
        {
            if (AtPunct('(')) depth++;
            else if (AtPunct(')') && --depth == 0)
            {
                var text = TextBetween(open.End, Cur.Start).Trim();
                _pos++;
                return text;
            }
            _pos++;
        }
        Error("')'");
        return TextBetween(open.End, Previous.End).Trim();
    }

    /// <summary>At <c>(</c>: skips to the matching <c>)</c> without looking inside.</summary>
    private void SkipParenthesized()
    {
        if (!AtPunct('(')) return;
        var depth = 0;
        while (Cur.Kind != SqlTokenKind.End && !AtPunct(';'))
        {
            if (AtPunct('(')) depth++;
            else if (AtPunct(')') && --depth == 0) { _pos++; return; }
            _pos++;
        }
    }
}
