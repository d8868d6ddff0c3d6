using System.Collections.Frozen;

namespace SchemaAudit.Frontends.TypeScript;

/// <summary>
/// Tokenizes TypeScript source over a range of the text (the whole file, or the inside of a
/// template substitution). Never throws: what it cannot read becomes a <see cref="TsSyntaxError"/>
/// and lexing goes on. <c>&gt;</c> is always a token of its own so that <c>Array&lt;Set&lt;T&gt;&gt;</c>
/// closes two type argument lists; the parser glues <c>&gt;&gt;</c> and <c>&gt;=</c> back together.
/// </summary>
public sealed partial class TsLexer
{
    /// <summary>Templates nested inside templates deeper than this are kept as raw text.</summary>
    private const int MaxTemplateDepth = 32;

    private static readonly string[] s_punctuators =
    [
        "...", "===", "!==", "**=", "<<=", "&&=", "||=", "??=",
        "=>", "==", "!=", "<=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<",
        "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "!", "~", "?", ":", "=", ".", "@",
    ];

    /// <summary>Punctuators by first character, longest first, so a token is matched in a few comparisons.</summary>
    private static readonly FrozenDictionary<char, string[]> s_punctuatorsByFirstChar =
        s_punctuators.GroupBy(p => p[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    /// <summary>Words after which a <c>/</c> starts a regular expression rather than a division.</summary>
    private static readonly FrozenSet<string> s_regexAfterWords = FrozenSet.ToFrozenSet(
        ["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"],
        StringComparer.Ordinal);

    private readonly string _text;
    private readonly int _end;
    private readonly TsLineMap _lines;
    private readonly List<TsSyntaxError> _errors;
    private readonly List<TsComment> _comments;
    private readonly List<TsToken> _tokens = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly List<TsTemplateParts> _templates = [];
    private int _pos;
    private bool _newLineBefore;

    private TsLexer(string text, int start, int end, TsLineMap lines, List<TsSyntaxError> errors, List<TsComment> comments)
    {
        _text = text;
        _pos = start;
        _end = end;
        _lines = lines;
        _errors = errors;
        _comments = comments;
    }

    /// <summary>Tokenizes <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>); the last token is always <see cref="TsTokenKind.EndOfFile"/>.</summary>
    public static TsLexResult Lex(string text, int start, int end, TsLineMap lines, List<TsSyntaxError> errors, List<TsComment> comments)
    {
        var lexer = new TsLexer(text, start, Math.Min(end, text.Length), lines, errors, comments);
        lexer.Run();
        return new TsLexResult(lexer._tokens, lexer._templates);
    }

    public static TsLexResult Lex(string text, List<TsSyntaxError> errors, List<TsComment> comments) =>
        Lex(text, 0, text.Length, TsLineMap.Build(text), errors, comments);

    private void Run()
    {
        if (_pos == 0 && _end >= 2 && _text[0] == '#' && _text[1] == '!') SkipLine(); // hashbang
        while (true)
        {
            SkipTrivia();
            if (_pos >= _end)
            {
                Add(TsTokenKind.EndOfFile, _end, 0, "");
                return;
            }
            LexToken();
        }
    }

    private void LexToken()
    {
        var c = _text[_pos];
        var start = _pos;
        if (IsIdentifierStart(c))
        {
            ScanIdentifierTail();
            Add(TsTokenKind.Identifier, start, _pos - start, Name(start, _pos));
        }
        else if (c == '#' && _pos + 1 < _end && IsIdentifierStart(_text[_pos + 1]))
        {
            _pos++;
            ScanIdentifierTail();
            Add(TsTokenKind.PrivateName, start, _pos - start, _text[start.._pos]);
        }
        else if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _end && char.IsAsciiDigit(_text[_pos + 1])))
        {
            ScanNumber();
        }
        else if (c is '"' or '\'')
        {
            ScanString(c);
        }
        else if (c == '`')
        {
            ScanTemplateToken();
        }
        else if (c == '/' && RegexAllowed() && TryScanRegex())
        {
            // token added by TryScanRegex
        }
        else
        {
            ScanPunctuator();
        }
    }

    /// <summary>Identifiers are shared per file: a schema repeats the same few names thousands of times.</summary>
    private string Name(int start, int end)
    {
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = _text.AsSpan(start, end - start);
        if (lookup.TryGetValue(span, out var name)) return name;
        name = span.ToString();
        _names[name] = name;
        return name;
    }

    private void ScanPunctuator()
    {
        var start = _pos;
        var candidates = s_punctuatorsByFirstChar.TryGetValue(_text[_pos], out var found) ? found : [];
        foreach (var p in candidates)
        {
            if (p.Length > _end - _pos || string.CompareOrdinal(_text, _pos, p, 0, p.Length) != 0) continue;
            // `a?.5:b` is a conditional, not optional chaining.
            if (p == "?." && _pos + 2 < _end && char.IsAsciiDigit(_text[_pos + 2])) continue;
            _pos += p.Length;
            Add(TsTokenKind.Punctuator, start, p.Length, p);
            return;
        }
        _errors.Add(new TsSyntaxError(start, $"unexpected character '{Printable(_text[start])}'"));
        _pos++;
    }

    private bool RegexAllowed()
    {
        if (_tokens.Count == 0) return true;
        var prev = _tokens[^1];
        return prev.Kind switch
        {
            TsTokenKind.Punctuator => prev.Value is not (")" or "]" or "++" or "--"),
            TsTokenKind.Identifier => s_regexAfterWords.Contains(prev.Value),
            _ => false,
        };
    }

    private void SkipTrivia()
    {
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (TsLineMap.IsLineBreak(c))
            {
                _newLineBefore = true;
                _pos++;
            }
            else if (c is ' ' or '\t' or '\v' or '\f' or '\u00A0' or '\uFEFF' || (c > 127 && char.IsWhiteSpace(c)))
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < _end && _text[_pos + 1] == '/')
            {
                var start = _pos;
                SkipLine();
                AddComment(start, start + 2, _pos, isBlock: false);
            }
            else if (c == '/' && _pos + 1 < _end && _text[_pos + 1] == '*')
            {
                var start = _pos;
                var close = _text.IndexOf("*/", _pos + 2, _end - _pos - 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    _errors.Add(new TsSyntaxError(start, "unterminated block comment"));
                    _pos = _end;
                    AddComment(start, start + 2, _end, isBlock: true);
                }
                else
                {
                    if (_text.AsSpan(start, close - start).IndexOfAny('\n', '\r') >= 0) _newLineBefore = true;
                    _pos = close + 2;
                    AddComment(start, start + 2, close, isBlock: true);
                }
            }
            else
            {
                return;
            }
        }
    }

    private void SkipLine()
    {
        while (_pos < _end && !TsLineMap.IsLineBreak(_text[_pos])) _pos++;
    }

    private void AddComment(int start, int textStart, int textEnd, bool isBlock)
    {
        var (line, column) = _lines.Locate(start);
        _comments.Add(new TsComment(_text[textStart..textEnd], start, isBlock ? Math.Min(textEnd + 2, _end) : textEnd, line, column, isBlock));
    }

    private void Add(TsTokenKind kind, int start, int length, string value, int templateIndex = -1)
    {
        var (line, column) = _lines.Locate(start);
        _tokens.Add(new TsToken(kind, start, length, line, column, value, _newLineBefore, templateIndex));
        _newLineBefore = false;
    }

    private void ScanIdentifierTail()
    {
        while (_pos < _end && IsIdentifierPart(_text[_pos])) _pos++;
    }

    private static bool IsIdentifierStart(char c) =>
        char.IsAsciiLetter(c) || c is '_' or '$' || (c > 127 && (char.IsLetter(c) || char.IsSurrogate(c)));

    private static bool IsIdentifierPart(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || (c > 127 && (char.IsLetterOrDigit(c) || char.IsSurrogate(c) || c is '\u200C' or '\u200D'));

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}

/// <summary>The tokens of a range and the templates they point to.</summary>
public sealed record TsLexResult(List<TsToken> Tokens, List<TsTemplateParts> Templates);
