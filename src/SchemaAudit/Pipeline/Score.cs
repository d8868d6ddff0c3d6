using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Pipeline;

/// <summary>
/// One line of "what cost points": a rule's active findings (<see cref="Severity"/> is the worst of them), the tables
/// they reach, and the points they cost (rounded so that the lines add up to the total).
/// </summary>
public sealed record Deduction(string RuleId, Severity Severity, int Count, int Points)
{
    /// <summary>Distinct tables the findings reach (a shared declaration or a convention reaches several).</summary>
    public int Tables { get; init; }

    /// <summary>The exact cost before rounding, for ordering and for "what would raise the grade".</summary>
    public double Exact { get; init; }
}

/// <summary>What the schema is and how much of it was read: the basis on which findings are weighed.</summary>
/// <param name="Tables">Tables in the audited view.</param>
/// <param name="Columns">Columns across those tables.</param>
/// <param name="SchemaFiles">Files that declare models, plus files that could not be read.</param>
/// <param name="UnreadableFiles">Files with an error diagnostic (a syntax error, an unsupported dialect).</param>
public sealed record ScoreBasis(int Tables, int Columns, int SchemaFiles = 0, int UnreadableFiles = 0)
{
    public static ScoreBasis Of(Schema schema)
    {
        var columns = 0;
        foreach (var table in schema.Tables) columns += table.Columns.Count;
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in schema.Diagnostics)
            if (d.Severity == DiagnosticSeverity.Error && !d.Span.IsNone && d.Span.Path.Length > 0) unreadable.Add(d.Span.Path);
        var schemaFiles = new HashSet<string>(unreadable, StringComparer.Ordinal);
        foreach (var file in schema.Files)
            if (file.HasModels) schemaFiles.Add(file.Path);
        return new ScoreBasis(schema.Tables.Count, columns, schemaFiles.Count, unreadable.Count);
    }

    /// <summary>
    /// Size in "table equivalents": the mean of the table count and of the column count over eight (a typical table),
    /// so that wide tables count for more than narrow ones.
    /// </summary>
    public double Size => Math.Max(1, (Tables + Columns / 8.0) / 2);

    /// <summary>
    /// Why no grade can be given, or null: nothing was read, or most of the schema's files could not be.
    /// A grade computed on a fraction of the schema would praise what was not seen.
    /// </summary>
    public string? NotAssessedBecause =>
        Tables == 0 ? "no table could be read"
        : UnreadableFiles * 2 > SchemaFiles ? $"{UnreadableFiles} of {SchemaFiles} schema files could not be read"
        : null;
}

/// <summary>
/// A score out of 100 and its letter grade, with the deductions that produced it; <see cref="Value"/> is null
/// ("not assessed") when most of the schema could not be read.
/// <para>
/// How points are lost. Every active finding weighs by its severity (critical 12, warning 1.2, suggestion 0.3) times
/// its breadth: a finding that reaches more of the schema (a mixin column inherited by 40 tables, a convention collapsed
/// into one finding) weighs up to three times as much as one on a single column, but stays one root cause. A rule's
/// findings add up and saturate towards the cap of its worst severity (critical 40, warning 4, suggestion 1): fifty unindexed foreign keys are one
/// habit to change, not fifty defects, and more findings never raise the score. Warnings and suggestions are divided by
/// the square root of the schema's size in units of twelve tables, so the same defects cost less in a bigger schema;
/// criticals are not (a delete that fails, or a leaked password, costs as much in a big schema as in a small one).
/// Suggestions (the design review) cost at most 2 points together: they are judgement calls, not defects.
/// </para>
/// Calibrated on the reference review (<c>reference/example-database-models-review.md</c>): as the reviewer left it,
/// raw server defaults in five files and duplicate indexes cost about 6 points (the reviewer deducted 6: A, 94).
/// </summary>
public sealed record Score(int? Value, string Grade, IReadOnlyList<Deduction> Deductions)
{
    public const string NotAssessed = "not assessed";

    private const double SuggestionsCap = 2;
    private const double SizeUnit = 12;

    /// <summary>Why the grade is "not assessed"; null when there is a grade.</summary>
    public string? NotAssessedReason { get; init; }

    public bool IsAssessed => Value is not null;

    /// <summary><c>83/100 (B)</c>, or <c>not assessed</c>.</summary>
    public string Summary => Value is { } value ? $"{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}/100 ({Grade})" : NotAssessed;

    private static double Weight(Severity s) => s switch
    {
        Severity.Critical => 12,
        Severity.Warning => 1.2,
        Severity.Suggestion => 0.3,
        _ => 0,
    };

    private static double Cap(Severity s) => s switch
    {
        Severity.Critical => 40,
        Severity.Warning => 4,
        Severity.Suggestion => 1,
        _ => 0,
    };

    public static Score Compute(IEnumerable<Finding> activeFindings, Schema schema) => Compute(activeFindings, ScoreBasis.Of(schema));

    public static Score Compute(IEnumerable<Finding> activeFindings, ScoreBasis basis)
    {
        var sizeDivisor = Math.Sqrt(Math.Max(1, basis.Size / SizeUnit));
        // One group per rule, at the severity of its worst finding: grouping by rule alone keeps the score monotone
        // (a finding made more severe raises both the group's weight and its cap, never moves points elsewhere).
        var groups = new Dictionary<string, (double Raw, int Count, Severity Worst, HashSet<string> Tables)>(StringComparer.Ordinal);
        foreach (var f in activeFindings)
        {
            if (f.IsSuppressed || Weight(f.Severity) == 0) continue;
            if (!groups.TryGetValue(f.RuleId, out var g)) g = (0, 0, f.Severity, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            var reached = f.TablesReached;
            foreach (var t in reached) g.Tables.Add(t);
            groups[f.RuleId] = (g.Raw + Weight(f.Severity) * Breadth(reached.Count, basis.Tables), g.Count + 1,
                f.Severity < g.Worst ? f.Severity : g.Worst, g.Tables);
        }

        var exact = new List<Deduction>();
        foreach (var (ruleId, g) in groups)
        {
            var cap = Cap(g.Worst);
            var points = cap * (1 - Math.Exp(-g.Raw / cap));
            if (g.Worst != Severity.Critical) points /= sizeDivisor;
            exact.Add(new Deduction(ruleId, g.Worst, g.Count, 0) { Tables = g.Tables.Count, Exact = points });
        }
        // The design review together costs at most SuggestionsCap: scale its lines down alike.
        var suggestions = exact.Where(d => d.Severity == Severity.Suggestion).Sum(d => d.Exact);
        if (suggestions > SuggestionsCap)
        {
            var scale = SuggestionsCap / suggestions;
            exact = [.. exact.Select(d => d.Severity == Severity.Suggestion ? d with { Exact = d.Exact * scale } : d)];
        }

        var deductions = Rounded(exact)
            .OrderBy(d => d.Severity).ThenByDescending(d => d.Exact).ThenBy(d => d.RuleId, StringComparer.Ordinal)
            .ToList();
        if (basis.NotAssessedBecause is { } reason)
            return new Score(null, NotAssessed, deductions) { NotAssessedReason = reason };
        var value = Math.Max(0, 100 - deductions.Sum(d => d.Points));
        return new Score(value, GradeOf(value), deductions);
    }

    /// <summary>
    /// 1 for a finding on one table, rising with the square root of the share of the schema it reaches, to 3 for all of it.
    /// </summary>
    public static double Breadth(int tablesReached, int tables)
    {
        if (tablesReached <= 1 || tables <= 1) return 1;
        var share = Math.Min(1, (tablesReached - 1) / (double)(tables - 1));
        return 1 + 2 * Math.Sqrt(share);
    }

    // Whole points that add up to the rounded total (largest remainder), so the table of deductions sums to 100 - score.
    private static List<Deduction> Rounded(List<Deduction> exact)
    {
        var total = (int)Math.Round(exact.Sum(d => d.Exact), MidpointRounding.AwayFromZero);
        var floors = exact.Select(d => d with { Points = (int)Math.Floor(d.Exact) }).ToList();
        var missing = total - floors.Sum(d => d.Points);
        foreach (var i in Enumerable.Range(0, floors.Count)
                     .OrderByDescending(i => floors[i].Exact - floors[i].Points).ThenBy(i => floors[i].RuleId, StringComparer.Ordinal)
                     .Take(Math.Max(0, missing)))
            floors[i] = floors[i] with { Points = floors[i].Points + 1 };
        return floors;
    }

    /// <summary>
    /// The fewest deductions that, fixed, lift the score to the next letter (largest first), with the score they give;
    /// empty when the grade is already A or the score is not assessed.
    /// </summary>
    public (IReadOnlyList<Deduction> Fixes, int Value, string Grade) NextGrade()
    {
        if (Value is not { } value || Grade == "A") return ([], Value ?? 0, Grade);
        var target = value switch { >= 80 => 90, >= 70 => 80, >= 60 => 70, _ => 60 };
        var fixes = new List<Deduction>();
        var gained = value;
        foreach (var d in Deductions.OrderByDescending(d => d.Exact).ThenBy(d => d.RuleId, StringComparer.Ordinal))
        {
            if (gained >= target) break;
            fixes.Add(d);
            gained += d.Points;
        }
        gained = Math.Min(100, gained);
        return (fixes, gained, GradeOf(gained));
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
