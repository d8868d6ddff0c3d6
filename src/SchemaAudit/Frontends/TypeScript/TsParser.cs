using SchemaAudit.Model;

namespace SchemaAudit.Frontends.TypeScript;

/// <summary>
/// Recursive-descent parser for the TypeScript subset a schema file uses. It never throws on
/// user input and always returns a complete tree: a missing token is reported and assumed,
/// junk is skipped to <c>;</c>, <c>}</c> or <c>)</c>. Bracket pairs are matched once up front,
/// so lists and skipped regions jump straight to their closing token, which keeps recovery
/// linear. Nesting is capped at <see cref="MaxDepth"/>.
/// </summary>
public sealed partial class TsParser
{
    public const int MaxDepth = 150;

    /// <summary>More than this many errors in one file are summarized in one diagnostic.</summary>
    private const int MaxReportedErrors = 50;

    private readonly string _source;
    private readonly TsLineMap _lines;
    private readonly List<TsToken> _tokens;
    private readonly List<TsTemplateParts> _templates;
    private readonly int[] _match;
    private readonly List<TsSyntaxError> _errors;
    private readonly List<TsComment> _comments;
    private int _pos;
    private int _depth;
    private bool _depthReported;

    private TsParser(string source, TsLineMap lines, TsLexResult lexed, List<TsSyntaxError> errors, List<TsComment> comments, int depth)
    {
        _source = source;
        _lines = lines;
        _tokens = lexed.Tokens;
        _templates = lexed.Templates;
        _errors = errors;
        _comments = comments;
        _depth = depth;
        _match = MatchBrackets(_tokens);
    }

    /// <summary>Parses one file.</summary>
    public static TsModule Parse(string path, string source)
    {
        var errors = new List<TsSyntaxError>();
        var comments = new List<TsComment>();
        var lines = TsLineMap.Build(source);
        var lexed = TsLexer.Lex(source, 0, source.Length, lines, errors, comments);
        var parser = new TsParser(source, lines, lexed, errors, comments, 0);
        var body = parser.ParseStatementList(untilCloseBrace: false);
        comments.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new TsModule
        {
            Path = path,
            Source = source,
            Body = body,
            Comments = comments,
            Diagnostics = ToDiagnostics(path, lines, errors),
            Lines = lines,
        };
    }

    private static List<Diagnostic> ToDiagnostics(string path, TsLineMap lines, List<TsSyntaxError> errors)
    {
        errors.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        var result = new List<Diagnostic>();
        var lastOffset = -1;
        foreach (var error in errors)
        {
            if (error.Offset == lastOffset) continue; // one error per position is enough
            lastOffset = error.Offset;
            var (line, column) = lines.Locate(error.Offset);
            if (result.Count == MaxReportedErrors)
            {
                result.Add(new Diagnostic(SourceSpan.At(path, line, column), $"{errors.Count - MaxReportedErrors} more syntax errors not shown"));
                break;
            }
            result.Add(new Diagnostic(SourceSpan.At(path, line, column), "syntax error: " + error.Message));
        }
        return result;
    }

    /// <summary>For every <c>( [ {</c> the index of its closing token and back; -1 when unbalanced.</summary>
    private static int[] MatchBrackets(List<TsToken> tokens)
    {
        const int maxSearch = 64; // how far down the stack a stray closer may look for its opener
        var match = new int[tokens.Count];
        Array.Fill(match, -1);
        var stack = new List<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != TsTokenKind.Punctuator) continue;
            switch (t.Value)
            {
                case "(" or "[" or "{":
                    stack.Add(i);
                    break;
                case ")" or "]" or "}":
                    var opener = t.Value switch { ")" => "(", "]" => "[", _ => "{" };
                    for (var k = stack.Count - 1; k >= 0 && k >= stack.Count - maxSearch; k--)
                    {
                        if (tokens[stack[k]].Value != opener) continue;
                        match[stack[k]] = i;
                        match[i] = stack[k];
                        stack.RemoveRange(k, stack.Count - k);
                        break;
                    }
                    break;
            }
        }
        return match;
    }

    // ----- token helpers -----

    private TsToken Current => _tokens[_pos];

    private TsToken Peek(int ahead = 1) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private bool AtEnd => Current.Kind == TsTokenKind.EndOfFile;

    private bool At(string value) => Current.Is(value);

    private bool AtPunct(string value) => Current.Kind == TsTokenKind.Punctuator && Current.Value == value;

    private bool AtIdentifier => Current.Kind == TsTokenKind.Identifier;

    private TsToken Advance()
    {
        var token = _tokens[_pos];
        if (_pos < _tokens.Count - 1) _pos++;
        return token;
    }

    private bool Accept(string punct)
    {
        if (!AtPunct(punct)) return false;
        Advance();
        return true;
    }

    /// <summary>Consumes <paramref name="punct"/> or reports it missing (and assumes it).</summary>
    private void Expect(string punct)
    {
        if (!Accept(punct)) Error($"expected '{punct}' but found {Describe(Current)}");
    }

    private string ExpectIdentifier()
    {
        if (AtIdentifier) return Advance().Value;
        Error($"expected a name but found {Describe(Current)}");
        return "";
    }

    private void Error(string message) => Error(Current.Start, message);

    private void Error(int offset, string message) => _errors.Add(new TsSyntaxError(offset, message));

    private static string Describe(TsToken token) => token.Kind switch
    {
        TsTokenKind.EndOfFile => "end of file",
        TsTokenKind.String => "a string",
        TsTokenKind.Number => $"number '{token.Value}'",
        TsTokenKind.Template => "a template literal",
        TsTokenKind.Regex => "a regular expression",
        _ => $"'{token.Value}'",
    };

    /// <summary>Index of the token closing the bracket at <paramref name="openIndex"/>, or -1.</summary>
    private int MatchOf(int openIndex) => _match[openIndex];

    private T Finish<T>(T node, int startToken) where T : TsNode
    {
        var first = _tokens[Math.Min(startToken, _tokens.Count - 1)];
        node.Start = first.Start;
        node.Line = first.Line;
        node.Column = first.Column;
        node.End = _pos > startToken ? _tokens[_pos - 1].End : first.Start;
        return node;
    }

    /// <summary>
    /// Skips junk after an error: past the next <c>;</c>, or up to a <c>}</c> / <c>)</c> / <c>]</c>
    /// that closes an enclosing construct, or a new line starting a declaration. Bracketed
    /// regions are jumped over whole.
    /// </summary>
    private void Recover()
    {
        var start = _pos;
        while (!AtEnd)
        {
            var t = Current;
            if (_pos > start && t.NewLineBefore && IsStatementKeyword(t)) return;
            if (t.Kind == TsTokenKind.Punctuator)
            {
                switch (t.Value)
                {
                    case ";":
                        Advance();
                        return;
                    case "}" or ")" or "]":
                        return;
                    case "(" or "[" or "{":
                        var close = MatchOf(_pos);
                        if (close > _pos)
                        {
                            _pos = close + 1;
                            continue;
                        }
                        break;
                }
            }
            Advance();
        }
    }

    private static bool IsStatementKeyword(TsToken t) =>
        t.Kind == TsTokenKind.Identifier && t.Value is "import" or "export" or "const" or "let" or "var" or "function"
            or "class" or "interface" or "type" or "enum" or "return" or "if" or "for" or "while" or "declare";

    /// <summary>Enters a nesting level; false (with one diagnostic per file) when the input nests too deep.</summary>
    private bool Enter()
    {
        if (_depth >= MaxDepth)
        {
            if (!_depthReported) Error("nesting too deep: this construct is skipped");
            _depthReported = true;
            return false;
        }
        _depth++;
        return true;
    }

    private void Exit() => _depth--;

    /// <summary>Skips the current token, or the whole bracketed region it opens.</summary>
    private void SkipOne()
    {
        if (Current.Kind == TsTokenKind.Punctuator && Current.Value is "(" or "[" or "{")
        {
            var close = MatchOf(_pos);
            if (close > _pos)
            {
                _pos = close + 1;
                return;
            }
        }
        Advance();
    }

    /// <summary>The doc comment (<c>/** */</c>) that ends right before the token at <paramref name="tokenIndex"/>.</summary>
    private string? DocCommentBefore(int tokenIndex)
    {
        var tokenStart = _tokens[tokenIndex].Start;
        var previousEnd = tokenIndex > 0 ? _tokens[tokenIndex - 1].End : 0;
        // Comments are in source order: binary search the last one starting before the token.
        int lo = 0, hi = _comments.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_comments[mid].Start < tokenStart) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        if (found < 0) return null;
        var c = _comments[found];
        if (c.Start < previousEnd || c.End > tokenStart || !c.IsDoc) return null;
        return c.Text.Trim('*', ' ', '\n', '\r', '\t');
    }
}
