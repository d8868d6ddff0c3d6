using SchemaAudit.Pipeline;

namespace SchemaAudit.Reporting;

/// <summary>
/// A view of an audit result in one output format. Reporters are pure: the same result gives
/// byte-identical output (no timestamps, no machine paths, deterministic order).
/// </summary>
public interface IReporter
{
    /// <summary>The name given to <c>--format</c> (<c>console</c>, <c>markdown</c>, <c>json</c>, ...).</summary>
    string Format { get; }

    void Write(AuditResult result, TextWriter output);
}
