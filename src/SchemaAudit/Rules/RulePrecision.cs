using System.Globalization;

namespace SchemaAudit.Rules;

/// <summary>
/// How often a rule's findings are real defects at their severity, as CodeQL's <c>@precision</c> says of a query:
/// measured by hand-judging its findings on real projects (<c>bench/corpus/labels</c>).
/// </summary>
public enum PrecisionLevel { VeryHigh, High, Medium, Low }

/// <summary>
/// A rule's precision level and, once measured, the figures behind it: how many of its findings on the labelled corpus
/// were judged, how many of those were real, and when. Rules at <see cref="PrecisionLevel.Medium"/> or
/// <see cref="PrecisionLevel.Low"/> report at most a suggestion unless the user asks for <c>--all</c>
/// (see <see cref="Analysis.PrecisionGate"/>).
/// </summary>
/// <param name="Level">The level the default run acts on.</param>
/// <param name="Judged">Findings hand-judged on the corpus (0 until measured).</param>
/// <param name="Real">Of those, findings judged real at their severity.</param>
/// <param name="Measured">Date of the measurement (<c>yyyy-MM-dd</c>); null while the level is provisional.</param>
public sealed record RulePrecision(PrecisionLevel Level, int Judged = 0, int Real = 0, string? Measured = null)
{
    /// <summary>A level set by judgement before the corpus measured it.</summary>
    public static RulePrecision Provisional(PrecisionLevel level) => new(level);

    /// <summary>A level backed by hand-judged findings.</summary>
    public static RulePrecision MeasuredAs(PrecisionLevel level, int judged, int real, string date) => new(level, judged, real, date);

    public bool IsMeasured => Measured is not null && Judged > 0;

    /// <summary>Real / judged, or null before measurement.</summary>
    public double? Rate => IsMeasured ? (double)Real / Judged : null;

    /// <summary>High and very high precision rules report at their own severity by default; the others are design review.</summary>
    public bool ReportsAtOwnSeverity => Level is PrecisionLevel.VeryHigh or PrecisionLevel.High;

    /// <summary><c>very-high</c>, <c>high</c>, <c>medium</c>, <c>low</c> (the spelling of CodeQL's metadata).</summary>
    public string LevelId => Level switch
    {
        PrecisionLevel.VeryHigh => "very-high",
        PrecisionLevel.High => "high",
        PrecisionLevel.Medium => "medium",
        _ => "low",
    };

    /// <summary>One sentence for documentation: the figures and date, or that the level is provisional.</summary>
    public string Describe() => IsMeasured
        ? string.Create(CultureInfo.InvariantCulture,
            $"{LevelId}: {Real} of {Judged} findings judged on real projects were real defects at their severity ({Rate:P0}), measured {Measured}.")
        : $"{LevelId} (provisional, not yet measured on the labelled corpus).";
}
