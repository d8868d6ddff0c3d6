using System.Runtime.CompilerServices;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Python;

/// <summary>
/// A hand-written recursive-descent parser for the Python we need to read (all of Python 3's
/// statements and expressions, kept at the level of detail in <see cref="PyModule"/>).
/// It never throws on user input and always terminates: a missing token becomes a diagnostic
/// ("expected X, found Y"), a missing expression a <see cref="PyErrorExpr"/>, and a broken
/// statement is skipped up to the end of its logical line so the rest of the file still parses.
/// </summary>
public sealed partial class PyParser
{
    /// <summary>Guard against pathological nesting (each bracket level costs about three units).</summary>
    private const int MaxNesting = 900;
    private const int MaxErrors = 200;

    private readonly string _path;
    private readonly string _source;
    private readonly PyToken[] _tokens;
    private readonly int _count;
    private readonly PyLineMap _lines;
    private readonly List<PySyntaxError> _errors = [];

    private int _pos;
    private int _lastTokenEnd;
    private int _depth;
    private bool _reportedTooDeep;
    private int _lastErrorOffset = -1;
    private int _silentThrough = -1;
    private bool _inPattern;

    private PyParser(string path, string source, PyLexResult lexed)
    {
        _path = path;
        _source = source;
        _tokens = lexed.TokenArray;
        _count = lexed.Count;
        _lines = lexed.Lines;
    }

    /// <summary>Parses one file. <paramref name="path"/> is the relative path used in diagnostics and spans.</summary>
    public static PyModule Parse(string path, string source)
    {
        source ??= "";
        var lexed = PyLexer.TokenizePooled(source);
        try
        {
            var parser = new PyParser(path, source, lexed);
            var body = parser.ParseModuleBody();
            return new PyModule
            {
                Path = path,
                Source = source,
                Body = body,
                Comments = lexed.Comments,
                Diagnostics = parser.BuildDiagnostics(lexed.Errors),
                Docstring = DocstringOf(body),
            };
        }
        finally
        {
            PyLexer.ReturnTokens(lexed); // the module keeps no tokens
        }
    }

    private List<PyStmt> ParseModuleBody()
    {
        var body = new List<PyStmt>();
        while (Kind != PyTokenKind.EndOfFile) ParseStatementInto(body);
        return body;
    }

    // ----- token cursor -----

    private PyToken Current => _tokens[_pos];

    private PyTokenKind Kind => _tokens[_pos].Kind;

    private PyTokenKind PeekKind(int ahead) => _pos + ahead < _count ? _tokens[_pos + ahead].Kind : PyTokenKind.EndOfFile;

    private PyToken Advance()
    {
        var token = _tokens[_pos];
        if (token.Kind == PyTokenKind.EndOfFile) return token;
        _pos++;
        if (token.Kind is not (PyTokenKind.Newline or PyTokenKind.Indent or PyTokenKind.Dedent)) _lastTokenEnd = token.End;
        return token;
    }

    private bool Accept(PyTokenKind kind)
    {
        if (Kind != kind) return false;
        Advance();
        return true;
    }

    private bool Expect(PyTokenKind kind, string what)
    {
        if (Accept(kind)) return true;
        ErrorExpected(what);
        return false;
    }

    /// <summary>The identifier at the cursor, or "" (and a diagnostic) when there is none.</summary>
    private string ExpectName()
    {
        if (Kind == PyTokenKind.Name) return Advance().Value ?? "";
        ErrorExpected("name");
        return "";
    }

    private bool IsName(string soft) => Kind == PyTokenKind.Name && string.Equals(Current.Value, soft, StringComparison.Ordinal);

    // ----- diagnostics -----

    private void ErrorExpected(string what) => Error(Current.Start, $"expected {what}, found {Describe(Current)}");

    private void Error(int offset, string message)
    {
        // One error per position: the cascade a single missing token causes is noise.
        if (offset == _lastErrorOffset || offset <= _silentThrough || _errors.Count >= MaxErrors) return;
        _lastErrorOffset = offset;
        _errors.Add(new PySyntaxError(offset, message));
    }

    private string Describe(PyToken token) => token.Kind switch
    {
        PyTokenKind.EndOfFile => "end of file",
        PyTokenKind.Newline => "newline",
        PyTokenKind.Indent => "indent",
        PyTokenKind.Dedent => "dedent",
        PyTokenKind.Name => $"name '{token.Value}'",
        PyTokenKind.String => "string literal",
        PyTokenKind.Number => $"number '{Shorten(_source.AsSpan(token.Start, token.Length))}'",
        _ => $"'{_source.AsSpan(token.Start, token.Length)}'",
    };

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 24 ? text.ToString() : string.Concat(text[..24], "...");

    private IReadOnlyList<Diagnostic> BuildDiagnostics(IReadOnlyList<PySyntaxError> lexerErrors)
    {
        var all = new List<PySyntaxError>(lexerErrors.Count + _errors.Count);
        all.AddRange(lexerErrors);
        all.AddRange(_errors);
        // Stable sort by position: lexer errors first at equal offsets.
        var ordered = new (PySyntaxError Error, int Order)[all.Count];
        for (var i = 0; i < all.Count; i++) ordered[i] = (all[i], i);
        Array.Sort(ordered, static (a, b) => a.Error.Offset != b.Error.Offset ? a.Error.Offset.CompareTo(b.Error.Offset) : a.Order.CompareTo(b.Order));

        var diagnostics = new Diagnostic[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            var (line, column) = _lines.Locate(ordered[i].Error.Offset);
            diagnostics[i] = new Diagnostic(new SourceSpan(_path, line, column, line, column), ordered[i].Error.Message);
        }
        return diagnostics;
    }

    // ----- nesting guard -----

    /// <summary>Enters one level of nesting; false (with a single diagnostic per file) when the input is too deep.</summary>
    private bool TryEnter()
    {
        if (_depth < MaxNesting && RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth++;
            return true;
        }
        if (!_reportedTooDeep)
        {
            _reportedTooDeep = true;
            Error(Current.Start, "too deeply nested: the parser gives up on this statement");
        }
        // Give up on the rest of the logical line, quietly: every enclosing level now meets its end
        // and would otherwise report its own missing bracket.
        while (Kind is not (PyTokenKind.Newline or PyTokenKind.EndOfFile)) Advance();
        _silentThrough = Current.Start;
        return false;
    }

    private void Exit() => _depth--;

    private static string? DocstringOf(IReadOnlyList<PyStmt> body) =>
        body.Count > 0 && body[0] is PyExprStmt { Value: PyString { IsFString: false, IsBytes: false } doc } ? doc.Value : null;
}
