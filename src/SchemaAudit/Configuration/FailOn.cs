using SchemaAudit.Analysis;

namespace SchemaAudit.Configuration;

/// <summary>
/// The severity from which an audit "fails" (exit code 1): <c>critical</c>, <c>warning</c>,
/// <c>suggestion</c>, <c>info</c>, or <c>none</c> (never fail).
/// </summary>
public readonly record struct FailOn(Severity? Threshold)
{
    public static FailOn Default { get; } = new(Severity.Critical);

    public static FailOn Never { get; } = new(null);

    public static IReadOnlyList<string> Names { get; } = ["critical", "warning", "suggestion", "info", "none"];

    public static bool TryParse(string? text, out FailOn failOn)
    {
        failOn = Default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return false;
        if (string.Equals(trimmed, "none", StringComparison.OrdinalIgnoreCase))
        {
            failOn = Never;
            return true;
        }
        if (!SeverityExtensions.TryParse(trimmed, out var severity)) return false;
        failOn = new FailOn(severity);
        return true;
    }

    /// <summary>True when one of <paramref name="activeFindings"/> is at or above the threshold.</summary>
    public bool IsFailure(IEnumerable<Finding> activeFindings) =>
        Threshold is { } threshold && activeFindings.Any(f => !f.IsSuppressed && f.Severity.IsAtLeast(threshold));

    public override string ToString() => Threshold?.Id() ?? "none";
}
