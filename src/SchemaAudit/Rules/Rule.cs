using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules;

/// <summary>
/// A check over the unified model. Rules are pure: no I/O, no mutation, deterministic.
/// They never check whether they are enabled; the engine decides that.
/// </summary>
public abstract class Rule
{
    public abstract RuleMetadata Metadata { get; }

    public string Id => Metadata.Id;

    public abstract IEnumerable<Finding> Check(RuleContext context);

    /// <summary>
    /// Set by rules whose findings, when they are everywhere, describe a project-wide habit rather than a slip
    /// (no <c>ondelete</c> anywhere, naive timestamps everywhere): the engine then reports them as one finding.
    /// </summary>
    public virtual ConventionPolicy? Convention => null;

    /// <summary>Builds a finding with this rule's id, severity and category.</summary>
    protected Finding Report(SourceSpan span, string message, string recommendation,
        string? table = null, string? column = null, string? before = null, string? after = null,
        IReadOnlyList<SourceSpan>? related = null, IReadOnlyList<Table>? reaches = null) => new()
        {
            RuleId = Metadata.Id,
            Severity = Metadata.Severity,
            Category = Metadata.Category,
            Message = message,
            Recommendation = recommendation,
            Span = span,
            Table = table,
            ColumnName = column,
            Before = before,
            After = after,
            RelatedSpans = related ?? [],
            Tables = reaches is { Count: > 1 } ? [.. reaches.Select(t => t.Name)] : [],
        };
}
