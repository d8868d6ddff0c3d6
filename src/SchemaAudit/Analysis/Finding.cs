using SchemaAudit.Model;

namespace SchemaAudit.Analysis;

/// <summary>
/// One problem found by one rule, at one place. <see cref="Table"/> and <see cref="ColumnName"/>
/// identify the object whatever the source, so findings can be matched across views.
/// </summary>
public sealed record Finding
{
    public required string RuleId { get; init; }
    public required Severity Severity { get; init; }
    public required RuleCategory Category { get; init; }

    /// <summary>The problem, identifiers in backticks.</summary>
    public required string Message { get; init; }

    /// <summary>The remedy.</summary>
    public required string Recommendation { get; init; }

    public required SourceSpan Span { get; init; }
    public string? Table { get; init; }
    public string? ColumnName { get; init; }

    /// <summary>Optional mechanical fix shown in the Markdown report.</summary>
    public string? Before { get; init; }
    public string? After { get; init; }

    /// <summary>
    /// Code fence language of <see cref="Before"/>/<see cref="After"/> (<c>python</c>, <c>typescript</c>, <c>sql</c>): the
    /// language the advice is written in, which is not always the file's (an Alembic migration or a live database gets SQL).
    /// Set by the engine; null when there is no snippet.
    /// </summary>
    public string? SnippetLanguage { get; init; }

    /// <summary>Other places involved (e.g. the index that makes another redundant).</summary>
    public IReadOnlyList<SourceSpan> RelatedSpans { get; init; } = [];

    /// <summary>
    /// The tables this one root cause reaches: a column declared once in a mixin and inherited by five tables is one
    /// finding whose <see cref="Tables"/> names the five. Empty means just <see cref="Table"/>.
    /// </summary>
    public IReadOnlyList<string> Tables { get; init; } = [];

    /// <summary>How many places this finding stands for (a project-wide convention collapsed into one finding counts them all).</summary>
    public int Occurrences { get; init; } = 1;

    /// <summary>Every table the finding reaches: <see cref="Tables"/>, or <see cref="Table"/> alone.</summary>
    public IReadOnlyList<string> TablesReached => Tables.Count > 0 ? Tables : Table is null ? [] : [Table];

    /// <summary>Set when an inline comment or configuration suppressed this finding.</summary>
    public string? SuppressedBy { get; init; }

    /// <summary>
    /// Identity that survives line shifts (see <c>Baseline.FindingFingerprints</c>); set when baselines or
    /// SARIF need it, null before.
    /// </summary>
    public string? Fingerprint { get; init; }

    public bool IsSuppressed => SuppressedBy is not null;
}
