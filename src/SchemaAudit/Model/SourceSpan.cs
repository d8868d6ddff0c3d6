namespace SchemaAudit.Model;

/// <summary>
/// Where something is declared: a path relative to the audited root (forward slashes),
/// 1-based line and column, and the end of the declaration.
/// </summary>
public readonly record struct SourceSpan(string Path, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A span for things that have no source (e.g. a live database object).</summary>
    public static readonly SourceSpan None = new("", 0, 0, 0, 0);

    public bool IsNone => Line == 0 && Path.Length == 0;

    public static SourceSpan At(string path, int line, int column) => new(path, line, column, line, column);

    public override string ToString() => IsNone ? "<no source>" : $"{Path}:{Line}:{Column}";
}
