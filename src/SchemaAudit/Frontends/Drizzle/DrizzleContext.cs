using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>What every extraction step shares: the schema being filled, project settings, and where diagnostics go.</summary>
internal sealed class DrizzleContext(Schema schema)
{
    public Schema Schema { get; } = schema;

    /// <summary><c>snake_case</c> or <c>camelCase</c> from <c>drizzle({ casing })</c> or <c>drizzle.config.ts</c>; null when not set.</summary>
    public string? Casing { get; set; }

    /// <summary>The project's dialect as far as the sources tell.</summary>
    public string? Dialect { get; set; }

    public void Warn(SourceSpan span, string message) =>
        Schema.Diagnostics.Add(new Diagnostic(span, "drizzle: " + message, DiagnosticSeverity.Warning));

    public void Info(SourceSpan span, string message) =>
        Schema.Diagnostics.Add(new Diagnostic(span, "drizzle: " + message, DiagnosticSeverity.Info));
}
