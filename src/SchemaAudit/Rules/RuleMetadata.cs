using SchemaAudit.Analysis;

namespace SchemaAudit.Rules;

/// <summary>
/// Everything a user needs to know about a rule. <c>explain</c>, <c>docs/rules/&lt;id&gt;.md</c> and
/// the report's rule texts are generated from it; a test runs <see cref="BadExample"/> (must fire)
/// and <see cref="GoodExample"/> (must stay silent).
/// </summary>
public sealed record RuleMetadata
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Severity Severity { get; init; }
    public required RuleCategory Category { get; init; }

    /// <summary>Why it matters (a short paragraph).</summary>
    public required string Why { get; init; }

    /// <summary>How to fix it.</summary>
    public required string Fix { get; init; }

    /// <summary>Source that fires the rule (a complete model file).</summary>
    public required string BadExample { get; init; }

    /// <summary>Source that does not fire it.</summary>
    public required string GoodExample { get; init; }

    /// <summary>Language of the examples, for Markdown fences and for the example test (<c>python</c>).</summary>
    public string ExampleLanguage { get; init; } = "python";

    /// <summary>
    /// True for rules that read a live database (usage statistics, catalog facts): their fixtures are
    /// databases the live tests create and their examples run there, not through the file harness.
    /// </summary>
    public bool NeedsLiveDatabase { get; init; }

    /// <summary>True for rules that compare two views (drift): one example file cannot fire them; the drift tests run the examples.</summary>
    public bool ComparesViews { get; init; }

    /// <summary>
    /// How the severity of a finding is decided: when the rule reports at its default severity, when it raises or
    /// lowers it case by case, and on what evidence. Shown in the rule's documentation.
    /// </summary>
    public string? SeverityPolicy { get; init; }

    /// <summary>Known limits, said honestly.</summary>
    public string? KnownProblems { get; init; }
}
