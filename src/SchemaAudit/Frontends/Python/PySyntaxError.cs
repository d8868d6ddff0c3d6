namespace SchemaAudit.Frontends.Python;

/// <summary>A lexing or parsing error at a character offset; turned into a <see cref="Model.Diagnostic"/> at the end.</summary>
public readonly record struct PySyntaxError(int Offset, string Message);
