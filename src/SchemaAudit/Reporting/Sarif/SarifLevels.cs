using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Reporting.Sarif;

/// <summary>SARIF has three result levels: critical findings fail a check run, warnings annotate, the rest are notes.</summary>
internal static class SarifLevels
{
    public static string Of(Severity severity) => severity switch
    {
        Severity.Critical => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    public static string Of(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };
}
