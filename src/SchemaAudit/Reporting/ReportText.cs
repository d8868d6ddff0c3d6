using System.Globalization;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Reporting;

/// <summary>Small wording helpers shared by the human-readable reporters.</summary>
internal static class ReportText
{
    /// <summary><c>1 table</c>, <c>3 tables</c>; <paramref name="plural"/> defaults to singular + "s".</summary>
    public static string Count(int n, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? singular : plural ?? singular + "s")}");

    /// <summary><c>path:line</c>, or a placeholder for objects with no source (a live database).</summary>
    public static string Location(SourceSpan span) =>
        span.IsNone ? "(no source)"
        : span.Line == 0 ? span.Path // a live database object: no file, no line
        : string.Create(CultureInfo.InvariantCulture, $"{span.Path}:{span.Line}");

    /// <summary><c>table.column</c>, <c>table</c>, or null when the finding names neither.</summary>
    public static string? ObjectName(Finding f) => (f.Table, f.ColumnName) switch
    {
        ({ } t, { } c) => $"{t}.{c}",
        ({ } t, null) => t,
        (null, { } c) => c,
        _ => null,
    };

    public static string Percent(double fraction) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(fraction * 100, MidpointRounding.AwayFromZero):0}%");

    /// <summary>The label of a severity section and its count: <c>2 critical</c>, <c>5 warnings</c>.</summary>
    /// <summary>"Baseline: 2 new findings, 14 unchanged (not shown), 1 fixed."</summary>
    /// <summary>"Database: PostgreSQL (from …)", or null when the dialect is unknown.</summary>
    public static string? DialectLine(Model.Schema schema) => schema.Dialect is not { } dialect ? null
        : $"Database: {DialectName(dialect)}" + (schema.DialectEvidence is { Length: > 0 } evidence ? $" (from {evidence})" : "");

    private static string DialectName(string dialect) => dialect switch
    {
        "postgresql" => "PostgreSQL",
        "mysql" => "MySQL",
        "sqlite" => "SQLite",
        _ => dialect,
    };

    public static string BaselineLine(Baseline.BaselineSummary baseline) =>
        $"Baseline: {Count(baseline.New, "new finding")}, {baseline.Unchanged} unchanged (not shown), {baseline.Fixed} fixed.";

    public static string SeverityCount(Severity severity, int n) => severity switch
    {
        Severity.Critical => $"{n} critical",
        Severity.Warning => Count(n, "warning"),
        Severity.Suggestion => Count(n, "suggestion"),
        _ => Count(n, "note"),
    };

    /// <summary>An overall judgement in one word, from the score and whether anything critical remains.</summary>
    public static string Assessment(int score, int critical) => (score, critical) switch
    {
        ( >= 90, 0) => "Excellent",
        ( >= 80, 0) => "Good",
        ( >= 80, _) => "Good, with critical defects",
        ( >= 70, _) => "Fair",
        ( >= 60, _) => "Needs work",
        _ => "Poor",
    };

    /// <summary>Joins <c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
    public static string JoinWords(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
