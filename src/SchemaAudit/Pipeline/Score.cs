using SchemaAudit.Analysis;

namespace SchemaAudit.Pipeline;

/// <summary>One line of "what cost points": a rule, how often it fired, how many points it cost.</summary>
public sealed record Deduction(string RuleId, Severity Severity, int Count, int Points);

/// <summary>A score out of 100, its letter grade, and the deductions that produced it.</summary>
public sealed record Score(int Value, string Grade, IReadOnlyList<Deduction> Deductions)
{
    // Points per finding, and the most one rule may cost: a rule that fires fifty times is
    // one systemic problem, not fifty, and must not drown the rest of the report.
    // Calibrated on reference/example-database-models-review.md: a raw `server_default` in five
    // files plus a duplicate index is an A (the reviewer gave 94), while one critical defect
    // (data loss, runtime failure, security hole) weighs as much as four warnings.
    private static int PointsPer(Severity s) => s switch
    {
        Severity.Critical => 8,
        Severity.Warning => 2,
        Severity.Suggestion => 1,
        _ => 0,
    };

    private static int CapPerRule(Severity s) => s switch
    {
        Severity.Critical => 24,
        Severity.Warning => 6,
        Severity.Suggestion => 3,
        _ => 0,
    };

    public static Score Compute(IEnumerable<Finding> activeFindings)
    {
        var deductions = activeFindings
            .GroupBy(f => (f.RuleId, f.Severity))
            .Select(g => new Deduction(g.Key.RuleId, g.Key.Severity, g.Count(),
                Math.Min(CapPerRule(g.Key.Severity), PointsPer(g.Key.Severity) * g.Count())))
            .Where(d => d.Points > 0)
            .OrderBy(d => d.Severity).ThenByDescending(d => d.Points).ThenBy(d => d.RuleId, StringComparer.Ordinal)
            .ToList();
        var value = Math.Max(0, 100 - deductions.Sum(d => d.Points));
        return new Score(value, GradeOf(value), deductions);
    }

    public static string GradeOf(int value) => value switch
    {
        >= 90 => "A",
        >= 80 => "B",
        >= 70 => "C",
        >= 60 => "D",
        _ => "F",
    };
}
