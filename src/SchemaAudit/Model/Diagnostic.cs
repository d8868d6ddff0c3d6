namespace SchemaAudit.Model;

public enum DiagnosticSeverity { Error, Warning, Info }

/// <summary>
/// Something the tool could not read or understand: a syntax error, an undecodable file,
/// a construct it does not model. Diagnostics never stop the audit.
/// </summary>
public sealed record Diagnostic(SourceSpan Span, string Message, DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    public override string ToString() => $"{Span}: {Severity.ToString().ToLowerInvariant()}: {Message}";
}
