namespace SchemaAudit.Analysis;

/// <summary>Finding severities, most severe first (the numeric order is used for sorting and --fail-on).</summary>
public enum Severity { Critical = 0, Warning = 1, Suggestion = 2, Info = 3 }

public enum RuleCategory { Integrity, Performance, Portability, Security, Design, Drift, Tool }

public static class SeverityExtensions
{
    public static string Id(this Severity s) => s.ToString().ToLowerInvariant();
    public static string Id(this RuleCategory c) => c.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out Severity severity) =>
        Enum.TryParse(text, ignoreCase: true, out severity) && Enum.IsDefined(severity);

    /// <summary>True when <paramref name="s"/> is at least as severe as <paramref name="threshold"/>.</summary>
    public static bool IsAtLeast(this Severity s, Severity threshold) => s <= threshold;
}
