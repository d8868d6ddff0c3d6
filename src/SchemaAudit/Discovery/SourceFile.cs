namespace SchemaAudit.Discovery;

/// <summary>A discovered, decoded source file.</summary>
/// <param name="RelativePath">Relative to the audited root, forward slashes: the path every finding shows.</param>
public sealed record SourceFile(string FullPath, string RelativePath, string Text)
{
    public string Extension => Path.GetExtension(RelativePath).ToLowerInvariant();
}
