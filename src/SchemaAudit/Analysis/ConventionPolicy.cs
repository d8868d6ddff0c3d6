namespace SchemaAudit.Analysis;

/// <summary>
/// How a rule's findings read when they are everywhere: a project that never writes <c>ondelete</c> has one
/// habit to change, not sixty slips to fix. Set through <see cref="Rules.Rule.Convention"/>; applied by
/// <see cref="ConventionCollapse"/>.
/// </summary>
public sealed record ConventionPolicy
{
    /// <summary>Fewest places (occurrences) that make a habit.</summary>
    public int MinOccurrences { get; init; } = 5;

    /// <summary>Fewest distinct tables they must reach: five slips in one table are that table's problem.</summary>
    public int MinTables { get; init; } = 3;

    /// <summary>The collapsed finding's message, given the number of places and of tables.</summary>
    public required Func<int, int, string> Message { get; init; }

    /// <summary>The one fix for the habit.</summary>
    public required string Recommendation { get; init; }

    /// <summary>Severity of the collapsed finding; null keeps the highest of the findings it stands for.</summary>
    public Severity? Severity { get; init; }

    /// <summary>
    /// A finding worse than the habit (the parent is deleted in code, the column is written NULL) stays a finding
    /// of its own, next to the collapsed one.
    /// </summary>
    public Func<Finding, bool>? StandsApart { get; init; }
}
