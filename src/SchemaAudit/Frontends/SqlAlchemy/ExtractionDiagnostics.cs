using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>Collects what the extractor could not model, with file and line.</summary>
internal sealed class ExtractionDiagnostics
{
    public List<Diagnostic> Items { get; } = [];

    public void Info(SourceSpan span, string message) => Items.Add(new Diagnostic(span, message, DiagnosticSeverity.Info));

    public void Warning(SourceSpan span, string message) => Items.Add(new Diagnostic(span, message, DiagnosticSeverity.Warning));
}
