using System.Buffers;
using System.Globalization;
using System.Text;

namespace SchemaAudit.Frontends.Python;

/// <summary>
/// Turns Python source into tokens, with INDENT / DEDENT / NEWLINE from an indentation stack,
/// implicit line joining inside brackets and <c>\</c> continuations. Never throws: bad input
/// becomes a <see cref="PySyntaxError"/> and the lexer carries on.
/// </summary>
public sealed partial class PyLexer
{
    private const int MaxIndentLevels = 100;
    private const int MaxErrors = 100;

    private readonly string _text;
    private readonly PyLineMap _lines;
    private readonly List<PyComment> _comments = [];
    private readonly List<PySyntaxError> _errors = [];
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _names =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly bool _pooled;
    private PyToken[] _tokens;
    private int _count;
    private int _pos;
    private int _lineCursor;

    // Offsets of the open brackets of the current logical line.
    private int[] _brackets = new int[16];
    private int _bracketDepth;

    // Brackets opened from this offset on may be abandoned at a line that starts a new statement
    // (see ShouldAbandonBrackets); int.MaxValue keeps Python's exact line joining.
    private readonly int _abandonFrom;
    private int _unclosedBracket = -1;

    // The indentation stack: tab-to-8 width, tab-to-1 width (to detect inconsistent tabs) and
    // whether an INDENT token was emitted for the level (levels pushed while recovering are silent).
    private readonly List<(int Width, int AltWidth, bool Emitted)> _indents = [(0, 0, true)];
    private int _logicalLineIndent;
    private bool _lineHasTokens;
    private bool _reportedTooDeep;

    private PyLexer(string text, PyLineMap lines, int abandonFrom, bool pooled)
    {
        _text = text;
        _lines = lines;
        _abandonFrom = abandonFrom;
        _pooled = pooled;
        _tokens = NewTokenArray(text.Length / 4 + 16);
    }

    public static PyLexResult Tokenize(string text) => Tokenize(text, pooled: false);

    /// <summary>
    /// Tokens in an array rented from <see cref="ArrayPool{T}.Shared"/>, for a caller that is done with them
    /// before it returns (the parser): hand the result back with <see cref="ReturnTokens"/>. Token arrays of
    /// ordinary files are large objects, and allocating one per file triggered a full GC every few files.
    /// </summary>
    internal static PyLexResult TokenizePooled(string text) => Tokenize(text, pooled: true);

    internal static void ReturnTokens(PyLexResult lexed)
    {
        Array.Clear(lexed.TokenArray, 0, lexed.Count); // drop the token strings; the rest was never written
        ArrayPool<PyToken>.Shared.Return(lexed.TokenArray);
    }

    private static PyLexResult Tokenize(string text, bool pooled)
    {
        var lines = PyLineMap.Build(text);
        var lexer = new PyLexer(text, lines, int.MaxValue, pooled);
        lexer.Run();
        if (lexer._unclosedBracket >= 0)
        {
            // A bracket was never closed, so the file is broken from there on. Lex again, letting the
            // brackets opened from that point end at the next line that starts a new statement, so one
            // typo does not swallow the rest of the file. Valid files never take this path.
            var unclosed = lexer._unclosedBracket;
            if (pooled) ReturnTokens(new PyLexResult(lexer._tokens, lexer._count, lexer._comments, lexer._errors, lexer._lines));
            lexer = new PyLexer(text, lines, unclosed, pooled);
            lexer.Run();
        }
        return new PyLexResult(lexer._tokens, lexer._count, lexer._comments, lexer._errors, lexer._lines);
    }

    private PyToken[] NewTokenArray(int length) => _pooled ? ArrayPool<PyToken>.Shared.Rent(length) : new PyToken[length];

    private void Run()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF') _pos = 1;
        var atLineStart = true;
        while (true)
        {
            if (atLineStart)
            {
                if (!BeginLogicalLine()) break;
                atLineStart = false;
            }

            SkipInlineWhitespace();
            if (_pos >= _text.Length) break;

            var c = _text[_pos];
            if (c == '#')
            {
                LexComment();
                continue;
            }

            var lineBreak = LineBreakLength(_pos);
            if (lineBreak > 0)
            {
                if (_bracketDepth > 0 && !ShouldAbandonBrackets(_pos + lineBreak))
                {
                    _pos += lineBreak; // implicit line joining
                    continue;
                }
                _bracketDepth = 0;
                if (_lineHasTokens) Add(PyTokenKind.Newline, _pos, lineBreak);
                _pos += lineBreak;
                atLineStart = true;
                continue;
            }

            if (c == '\\')
            {
                LexContinuation();
                continue;
            }

            _lineHasTokens = true;
            if (IdentifierCharLength(_pos, first: true) > 0) LexNameOrPrefixedString();
            else if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1]))) LexNumber();
            else if (c is '\'' or '"') LexString(_pos, _pos, StringPrefix.None);
            else LexOperator(c);
        }

        if (_bracketDepth > 0) _unclosedBracket = _brackets[0];
        if (_lineHasTokens) Add(PyTokenKind.Newline, _text.Length, 0);
        for (var i = _indents.Count - 1; i > 0; i--)
            if (_indents[i].Emitted) Add(PyTokenKind.Dedent, _text.Length, 0);
        Add(PyTokenKind.EndOfFile, _text.Length, 0);
    }

    /// <summary>Skips blank and comment-only lines, then measures the indentation and emits INDENT/DEDENT. False at end of input.</summary>
    private bool BeginLogicalLine()
    {
        _lineHasTokens = false;
        while (true)
        {
            var width = 0;
            var altWidth = 0;
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == ' ') { width++; altWidth++; }
                else if (c == '\t') { width = (width / 8 + 1) * 8; altWidth++; }
                else if (c == '\f') { width = 0; altWidth = 0; }
                else if (c == '\\' && LineBreakLength(_pos + 1) > 0)
                {
                    // As in CPython, the indentation runs on across a continuation: "\" + newline + "    b" is at 4.
                    _pos += 1 + LineBreakLength(_pos + 1);
                    continue;
                }
                else break;
                _pos++;
            }
            if (_pos >= _text.Length) return false;

            if (_text[_pos] == '#') LexComment();
            var lineBreak = LineBreakLength(_pos);
            if (lineBreak > 0)
            {
                _pos += lineBreak;
                continue; // blank line: no NEWLINE, no indentation change
            }
            if (_pos >= _text.Length) return false;

            ApplyIndentation(width, altWidth);
            _logicalLineIndent = width;
            return true;
        }
    }

    private void ApplyIndentation(int width, int altWidth)
    {
        var top = _indents[^1];
        if (width > top.Width)
        {
            if (altWidth <= top.AltWidth) Error(_pos, "inconsistent use of tabs and spaces in indentation");
            var tooDeep = _indents.Count > MaxIndentLevels;
            if (tooDeep && !_reportedTooDeep)
            {
                _reportedTooDeep = true;
                Error(_pos, "too many levels of indentation");
            }
            _indents.Add((width, altWidth, !tooDeep));
            if (!tooDeep) Add(PyTokenKind.Indent, _pos, 0);
            return;
        }

        while (width < _indents[^1].Width)
        {
            if (_indents[^1].Emitted) Add(PyTokenKind.Dedent, _pos, 0);
            _indents.RemoveAt(_indents.Count - 1);
        }
        top = _indents[^1];
        if (width > top.Width)
        {
            Error(_pos, "unindent does not match any outer indentation level");
            _indents.Add((width, altWidth, false)); // silent level, so the lines that follow stay in this block
        }
        else if (altWidth != top.AltWidth)
        {
            Error(_pos, "inconsistent use of tabs and spaces in indentation");
        }
    }

    /// <summary>
    /// Recovery for an unclosed bracket: a line break inside brackets normally joins lines, but when the
    /// next line is no deeper than the statement that opened the bracket and starts like a new statement
    /// (<c>def</c>, <c>class</c>, a decorator, <c>name = ...</c>), the bracket was almost surely never closed.
    /// Ending the logical line there keeps one typo from swallowing the rest of the file.
    /// </summary>
    private bool ShouldAbandonBrackets(int nextLineStart)
    {
        if (_brackets[0] < _abandonFrom) return false;
        var i = nextLineStart;
        var width = 0;
        while (i < _text.Length && _text[i] is ' ' or '\t')
        {
            width = _text[i] == '\t' ? (width / 8 + 1) * 8 : width + 1;
            i++;
        }
        if (i >= _text.Length || width > _logicalLineIndent) return false;
        if (_text[i] == '@') return true;
        if (IdentifierCharLength(i, first: true) == 0) return false;

        var wordStart = i;
        i = ScanIdentifier(i);
        var word = _text.AsSpan(wordStart, i - wordStart);
        if (PyKeywords.TryGet(word, out var keyword))
            return keyword is PyTokenKind.Def or PyTokenKind.Class or PyTokenKind.Import or PyTokenKind.From
                or PyTokenKind.Return or PyTokenKind.Pass or PyTokenKind.Raise or PyTokenKind.Del
                or PyTokenKind.Global or PyTokenKind.Nonlocal or PyTokenKind.Assert or PyTokenKind.Try
                or PyTokenKind.While or PyTokenKind.With or PyTokenKind.Elif or PyTokenKind.Except
                or PyTokenKind.Finally or PyTokenKind.Break or PyTokenKind.Continue or PyTokenKind.Async;

        while (i < _text.Length && _text[i] is ' ' or '\t') i++;
        if (i >= _text.Length) return false;
        var next = _text[i];
        var after = i + 1 < _text.Length ? _text[i + 1] : '\0';
        return (next == '=' && after != '=') || (next == ':' && after != '=');
    }

    private void SkipInlineWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\f') _pos++;
    }

    private void LexComment()
    {
        var start = _pos;
        var end = _text.AsSpan(start).IndexOfAny('\r', '\n');
        end = end < 0 ? _text.Length : start + end;
        var (line, column) = _lines.LocateForward(start, ref _lineCursor);
        _comments.Add(new PyComment(_text[(start + 1)..end], line, column));
        _pos = end;
    }

    private void LexContinuation()
    {
        var lineBreak = LineBreakLength(_pos + 1);
        if (lineBreak > 0)
        {
            _pos += 1 + lineBreak;
            if (_pos >= _text.Length) Error(_pos, "unexpected end of file after line continuation character");
            return;
        }
        Error(_pos, _pos + 1 >= _text.Length
            ? "unexpected end of file after line continuation character"
            : "unexpected character after line continuation character");
        _pos++;
    }

    private void LexNameOrPrefixedString()
    {
        var start = _pos;
        var end = ScanIdentifier(_pos);
        var word = _text.AsSpan(start, end - start);

        if (end < _text.Length && _text[end] is '\'' or '"' && TryParsePrefix(word, out var prefix))
        {
            LexString(start, end, prefix);
            return;
        }

        _pos = end;
        if (PyKeywords.TryGet(word, out var keyword))
        {
            Add(keyword, start, end - start);
            return;
        }
        if (!_names.TryGetValue(word, out var name))
        {
            name = word.ToString();
            _names[name] = name;
        }
        Add(PyTokenKind.Name, start, end - start, name);
    }

    private void LexOperator(char c)
    {
        var start = _pos;
        var c1 = Peek(1);
        var c2 = Peek(2);
        var (kind, length) = c switch
        {
            '(' => (PyTokenKind.LeftParen, 1),
            ')' => (PyTokenKind.RightParen, 1),
            '[' => (PyTokenKind.LeftBracket, 1),
            ']' => (PyTokenKind.RightBracket, 1),
            '{' => (PyTokenKind.LeftBrace, 1),
            '}' => (PyTokenKind.RightBrace, 1),
            ',' => (PyTokenKind.Comma, 1),
            ';' => (PyTokenKind.Semicolon, 1),
            '~' => (PyTokenKind.Tilde, 1),
            ':' => c1 == '=' ? (PyTokenKind.ColonEqual, 2) : (PyTokenKind.Colon, 1),
            '.' => c1 == '.' && c2 == '.' ? (PyTokenKind.Ellipsis, 3) : (PyTokenKind.Dot, 1),
            '=' => c1 == '=' ? (PyTokenKind.EqualEqual, 2) : (PyTokenKind.Assign, 1),
            '!' => c1 == '=' ? (PyTokenKind.NotEqual, 2) : (PyTokenKind.Exclamation, 1),
            '+' => c1 == '=' ? (PyTokenKind.PlusEqual, 2) : (PyTokenKind.Plus, 1),
            '-' => c1 == '=' ? (PyTokenKind.MinusEqual, 2) : c1 == '>' ? (PyTokenKind.Arrow, 2) : (PyTokenKind.Minus, 1),
            '%' => c1 == '=' ? (PyTokenKind.PercentEqual, 2) : (PyTokenKind.Percent, 1),
            '@' => c1 == '=' ? (PyTokenKind.AtEqual, 2) : (PyTokenKind.At, 1),
            '|' => c1 == '=' ? (PyTokenKind.PipeEqual, 2) : (PyTokenKind.Pipe, 1),
            '&' => c1 == '=' ? (PyTokenKind.AmpersandEqual, 2) : (PyTokenKind.Ampersand, 1),
            '^' => c1 == '=' ? (PyTokenKind.CaretEqual, 2) : (PyTokenKind.Caret, 1),
            '*' => c1 == '*'
                ? (c2 == '=' ? (PyTokenKind.DoubleStarEqual, 3) : (PyTokenKind.DoubleStar, 2))
                : c1 == '=' ? (PyTokenKind.StarEqual, 2) : (PyTokenKind.Star, 1),
            '/' => c1 == '/'
                ? (c2 == '=' ? (PyTokenKind.DoubleSlashEqual, 3) : (PyTokenKind.DoubleSlash, 2))
                : c1 == '=' ? (PyTokenKind.SlashEqual, 2) : (PyTokenKind.Slash, 1),
            '<' => c1 == '<'
                ? (c2 == '=' ? (PyTokenKind.LeftShiftEqual, 3) : (PyTokenKind.LeftShift, 2))
                : c1 == '=' ? (PyTokenKind.LessEqual, 2) : c1 == '>' ? (PyTokenKind.NotEqual, 2) : (PyTokenKind.Less, 1),
            '>' => c1 == '>'
                ? (c2 == '=' ? (PyTokenKind.RightShiftEqual, 3) : (PyTokenKind.RightShift, 2))
                : c1 == '=' ? (PyTokenKind.GreaterEqual, 2) : (PyTokenKind.Greater, 1),
            _ => (PyTokenKind.EndOfFile, 0),
        };

        if (length == 0)
        {
            // Not Python: report once and skip it (a surrogate pair counts as one character).
            var skip = char.IsHighSurrogate(c) && char.IsLowSurrogate(c1) ? 2 : 1;
            Error(start, char.IsControl(c) || char.IsSurrogate(c)
                ? $"invalid character U+{(int)c:X4}"
                : $"invalid character '{c}'");
            _pos += skip;
            return;
        }

        if (kind is PyTokenKind.LeftParen or PyTokenKind.LeftBracket or PyTokenKind.LeftBrace) PushBracket(start);
        else if (kind is PyTokenKind.RightParen or PyTokenKind.RightBracket or PyTokenKind.RightBrace && _bracketDepth > 0) _bracketDepth--;

        _pos += length;
        Add(kind, start, length);
    }

    private void PushBracket(int offset)
    {
        if (_bracketDepth == _brackets.Length) Array.Resize(ref _brackets, _brackets.Length * 2);
        _brackets[_bracketDepth++] = offset;
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private int LineBreakLength(int offset)
    {
        if (offset >= _text.Length) return 0;
        var c = _text[offset];
        if (c == '\n') return 1;
        if (c != '\r') return 0;
        return offset + 1 < _text.Length && _text[offset + 1] == '\n' ? 2 : 1;
    }

    private void Add(PyTokenKind kind, int start, int length, string? value = null)
    {
        if (_count == _tokens.Length) Grow();
        var (line, column) = _lines.LocateForward(start, ref _lineCursor);
        _tokens[_count++] = new PyToken(kind, start, length, line, column, value);
    }

    private void Grow()
    {
        var bigger = NewTokenArray(_tokens.Length * 2);
        Array.Copy(_tokens, bigger, _count);
        if (_pooled)
        {
            Array.Clear(_tokens, 0, _count);
            ArrayPool<PyToken>.Shared.Return(_tokens);
        }
        _tokens = bigger;
    }

    private void Error(int offset, string message)
    {
        if (_errors.Count < MaxErrors) _errors.Add(new PySyntaxError(offset, message));
    }

    /// <summary>The end of the identifier that starts at <paramref name="i"/>.</summary>
    private int ScanIdentifier(int i)
    {
        i += IdentifierCharLength(i, first: true);
        int length;
        while (i < _text.Length && (length = IdentifierCharLength(i, first: false)) > 0) i += length;
        return i;
    }

    /// <summary>How many UTF-16 units the identifier character at <paramref name="i"/> takes (0 when it is not one).</summary>
    private int IdentifierCharLength(int i, bool first)
    {
        var c = _text[i];
        if (c < 128) return char.IsAsciiLetter(c) || c == '_' || (!first && char.IsAsciiDigit(c)) ? 1 : 0;
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < _text.Length && char.IsLowSurrogate(_text[i + 1])
                && IsIdentifierCategory(Rune.GetUnicodeCategory(new Rune(c, _text[i + 1])), first) ? 2 : 0;
        }
        return IsIdentifierCategory(char.GetUnicodeCategory(c), first) ? 1 : 0;
    }

    private static bool IsIdentifierCategory(UnicodeCategory category, bool first) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => !first,
        _ => false,
    };
}
