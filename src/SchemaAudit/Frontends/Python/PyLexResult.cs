namespace SchemaAudit.Frontends.Python;

/// <summary>What the lexer produced for one file: the tokens (ending with EndOfFile), comments, errors and the line map.</summary>
public sealed class PyLexResult
{
    internal PyLexResult(PyToken[] tokens, int count, List<PyComment> comments, List<PySyntaxError> errors, PyLineMap lines)
    {
        TokenArray = tokens;
        Count = count;
        Comments = comments;
        Errors = errors;
        Lines = lines;
    }

    /// <summary>The backing array; only the first <see cref="Count"/> entries are tokens.</summary>
    internal PyToken[] TokenArray { get; }

    public int Count { get; }

    public ReadOnlySpan<PyToken> Tokens => TokenArray.AsSpan(0, Count);

    public IReadOnlyList<PyComment> Comments { get; }

    public IReadOnlyList<PySyntaxError> Errors { get; }

    public PyLineMap Lines { get; }
}
