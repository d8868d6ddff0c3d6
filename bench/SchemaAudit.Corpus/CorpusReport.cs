using System.Globalization;

namespace SchemaAudit.Corpus;

/// <summary>Prints the suite's figures as Markdown tables (so they paste into docs/precision.md) and the per-rule YAML.</summary>
public static class CorpusReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, IReadOnlyList<ProjectResult> results, bool listUnlabelled)
    {
        var tuning = results.Where(r => !r.Project.Holdout).ToList();
        var holdouts = results.Where(r => r.Project.Holdout).ToList();

        output.WriteLine("## Tuning projects");
        output.WriteLine();
        WriteProjects(output, tuning);
        output.WriteLine();
        output.WriteLine("## Per rule (tuning projects, judged findings of any severity)");
        output.WriteLine();
        WriteRules(output, ProjectTally.SumByRule(Tallies(tuning)));

        if (holdouts.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("## Hold-out projects (never used for tuning)");
            output.WriteLine();
            WriteProjects(output, holdouts);
            output.WriteLine();
            output.WriteLine("## Per rule (hold-out projects)");
            output.WriteLine();
            WriteRules(output, ProjectTally.SumByRule(Tallies(holdouts)));
        }

        var notes = results.SelectMany(r => r.Skipped
            ? [$"- {r.Project.Name}: skipped, {r.SkippedBecause}"]
            : r.Warnings.Select(w => $"- warning: {r.Project.Name}: {w}")).ToList();
        if (notes.Count > 0)
        {
            output.WriteLine();
            foreach (var note in notes) output.WriteLine(note);
        }

        if (!listUnlabelled) return;
        foreach (var result in results.Where(r => r.UnlabelledWarningOrAbove.Count > 0))
        {
            output.WriteLine();
            output.WriteLine($"## Unlabelled warning+ findings: {result.Project.Name}");
            foreach (var finding in result.UnlabelledWarningOrAbove.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line))
                output.WriteLine($"  - {{rule: {finding.Rule}, path: {finding.Path}, line: {finding.Line}}}  # {finding.Severity}: {finding.Message}");
        }
    }

    private static IEnumerable<ProjectTally> Tallies(IEnumerable<ProjectResult> results) =>
        results.Where(r => r.Tally is not null).Select(r => r.Tally!);

    private static void WriteProjects(TextWriter output, IReadOnlyList<ProjectResult> results)
    {
        output.WriteLine("| project | kind | tables | warning+ (critical) | per table | score | grade | reviewer | judged warning+ | real / noise / wrong | precision | est. precision (coverage) | unlabelled warning+ | stale labels |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---|---|---:|---|---:|---:|---:|---:|");
        int tables = 0, warningOrAbove = 0, critical = 0, unlabelled = 0;
        double estimatedReal = 0, estimatedOver = 0;
        var judged = VerdictCounts.None;
        foreach (var result in results)
        {
            var p = result.Project;
            if (result.Outcome is not { } outcome || result.Tally is not { } tally)
            {
                output.WriteLine($"| {p.Name} | {p.Kind} | skipped | | | | | {p.ReviewerGrade} | | | | | | |");
                continue;
            }
            tables += outcome.Tables;
            warningOrAbove += tally.WarningOrAbove;
            critical += tally.Critical;
            unlabelled += tally.UnlabelledWarningOrAbove;
            judged = judged.Plus(tally.JudgedWarningOrAbove);
            if (tally.EstimatedPrecision is { } projectEstimate && tally.EstimateCoverage is { } coverage)
            {
                // The corpus-wide estimate weighs each project by the warning+ findings its estimate covers.
                estimatedReal += projectEstimate * coverage * tally.WarningOrAbove;
                estimatedOver += coverage * tally.WarningOrAbove;
            }
            var distance = Grades.Distance(outcome.Grade, p.ReviewerGrade);
            var gradeNote = distance switch { null => "", 0 => " (same)", 1 => " (1 letter off)", _ => $" ({distance} letters off)" };
            output.WriteLine(string.Create(Invariant,
                $"| {p.Name} | {p.Kind} | {outcome.Tables} | {tally.WarningOrAbove} ({tally.Critical}) | {PerTable(tally.WarningOrAbove, outcome.Tables)} "
                + $"| {(outcome.Score is { } score ? score.ToString(Invariant) : "–")} | {outcome.Grade} | {p.ReviewerGrade}{gradeNote} "
                + $"| {tally.JudgedWarningOrAbove.Judged} | {Counts(tally.JudgedWarningOrAbove)} | {Percent(tally.JudgedWarningOrAbove.Precision)} "
                + $"| {Percent(tally.EstimatedPrecision)} ({Percent(tally.EstimateCoverage)}) | {tally.UnlabelledWarningOrAbove} | {tally.StaleLabels} |"));
        }
        double? estimated = estimatedOver == 0 ? null : estimatedReal / estimatedOver;
        output.WriteLine(string.Create(Invariant,
            $"| **all** | | {tables} | {warningOrAbove} ({critical}) | {PerTable(warningOrAbove, tables)} | | | | {judged.Judged} | {Counts(judged)} | {Percent(judged.Precision)} | {Percent(estimated)} | {unlabelled} | |"));
    }

    private static void WriteRules(TextWriter output, IReadOnlyDictionary<string, VerdictCounts> byRule)
    {
        output.WriteLine("| rule | judged | real | noise | wrong | precision |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (rule, counts) in byRule)
            output.WriteLine($"| {rule} | {counts.Judged} | {counts.Real} | {counts.Noise} | {counts.Wrong} | {Percent(counts.Precision)} |");
    }

    /// <summary>Per-rule figures as YAML (rule, judged, real, noise, wrong, precision, date), to update rule metadata from.</summary>
    public static void WriteRulesYaml(TextWriter output, IReadOnlyList<ProjectResult> results, DateOnly date)
    {
        var tuning = results.Where(r => !r.Project.Holdout && r.Tally is not null).ToList();
        var byRule = ProjectTally.SumByRule(tuning.Select(r => r.Tally!));
        var day = date.ToString("yyyy-MM-dd", Invariant);
        output.WriteLine("# Precision per rule measured on the labelled tuning projects of bench/corpus");
        output.WriteLine("# (precision = real / judged; written by bench/precision.sh --rules-out).");
        output.WriteLine($"date: {day}");
        output.WriteLine($"projects: [{string.Join(", ", tuning.Select(r => r.Project.Name))}]");
        output.WriteLine("rules:");
        foreach (var (rule, counts) in byRule)
        {
            var precision = counts.Precision is { } value ? value.ToString("0.00", Invariant) : "null";
            output.WriteLine($"  - {{rule: {rule}, judged: {counts.Judged}, real: {counts.Real}, noise: {counts.Noise}, wrong: {counts.Wrong}, precision: {precision}, date: {day}}}");
        }
    }

    private static string Counts(VerdictCounts counts) => $"{counts.Real} / {counts.Noise} / {counts.Wrong}";

    private static string PerTable(int findings, int tables) =>
        tables == 0 ? "–" : ((double)findings / tables).ToString("0.00", Invariant);

    public static string Percent(double? ratio) => ratio is { } value ? value.ToString("0%", Invariant) : "–";
}
