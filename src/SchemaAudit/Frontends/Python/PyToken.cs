namespace SchemaAudit.Frontends.Python;

/// <summary>
/// One token: where it stands in the source and, for names and strings, its value
/// (the interned identifier, or the decoded string contents).
/// </summary>
public readonly record struct PyToken(PyTokenKind Kind, int Start, int Length, int Line, int Column, string? Value = null)
{
    public int End => Start + Length;
}
