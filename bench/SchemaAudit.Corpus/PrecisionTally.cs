namespace SchemaAudit.Corpus;

/// <summary>Verdict counts of a set of judged findings; precision is real / judged.</summary>
public sealed record VerdictCounts(int Real, int Noise, int Wrong)
{
    public static VerdictCounts None { get; } = new(0, 0, 0);

    public int Judged => Real + Noise + Wrong;

    /// <summary>Real / judged, or null when nothing was judged (no figure is better than a made-up one).</summary>
    public double? Precision => Judged == 0 ? null : (double)Real / Judged;

    public VerdictCounts Add(Verdict verdict) => verdict switch
    {
        Verdict.Real => this with { Real = Real + 1 },
        Verdict.Noise => this with { Noise = Noise + 1 },
        _ => this with { Wrong = Wrong + 1 },
    };

    public VerdictCounts Plus(VerdictCounts other) => new(Real + other.Real, Noise + other.Noise, Wrong + other.Wrong);
}

/// <summary>
/// Meets one project's current findings with its labels. A finding is judged when a label has its
/// rule, path and line; labels that meet no current finding are stale (the finding moved or went away).
/// </summary>
public sealed record ProjectTally(
    int WarningOrAbove,
    int Critical,
    VerdictCounts JudgedWarningOrAbove,
    int UnlabelledWarningOrAbove,
    IReadOnlyDictionary<string, VerdictCounts> ByRule,
    int StaleLabels,
    int DuplicateLabels,
    IReadOnlyDictionary<string, int> WarningOrAboveByRule,
    IReadOnlyDictionary<string, VerdictCounts> JudgedWarningOrAboveByRule)
{
    /// <summary>
    /// Precision of all warning+ findings, estimated rule by rule: each rule's judged precision in
    /// this project applied to all of its warning+ findings here. The labelled sample is drawn per
    /// rule (a few of each), so its raw precision over-weights rare rules; this corrects for that.
    /// Rules with no judged warning+ finding here are left out (see <see cref="EstimateCoverage"/>).
    /// </summary>
    public double? EstimatedPrecision
    {
        get
        {
            double real = 0;
            var covered = 0;
            foreach (var (rule, count) in WarningOrAboveByRule)
            {
                if (JudgedWarningOrAboveByRule.GetValueOrDefault(rule)?.Precision is not { } precision) continue;
                real += count * precision;
                covered += count;
            }
            return covered == 0 ? null : real / covered;
        }
    }

    /// <summary>Share of the warning+ findings whose rule has judged findings here (what the estimate stands on).</summary>
    public double? EstimateCoverage
    {
        get
        {
            if (WarningOrAbove == 0) return null;
            var covered = WarningOrAboveByRule.Where(r => JudgedWarningOrAboveByRule.ContainsKey(r.Key)).Sum(r => r.Value);
            return (double)covered / WarningOrAbove;
        }
    }

    public static ProjectTally Compute(IReadOnlyList<AuditedFinding> findings, IReadOnlyList<Label> labels)
    {
        var byKey = new Dictionary<FindingKey, Label>();
        var duplicates = 0;
        foreach (var label in labels)
        {
            if (!byKey.TryAdd(label.Key, label)) duplicates++;
        }

        var matched = new HashSet<FindingKey>();
        var judged = VerdictCounts.None;
        var byRule = new SortedDictionary<string, VerdictCounts>(StringComparer.Ordinal);
        var warningByRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var judgedWarningByRule = new SortedDictionary<string, VerdictCounts>(StringComparer.Ordinal);
        int warningOrAbove = 0, critical = 0, unlabelled = 0;
        foreach (var finding in findings)
        {
            if (finding.IsWarningOrAbove)
            {
                warningOrAbove++;
                warningByRule[finding.Rule] = warningByRule.GetValueOrDefault(finding.Rule) + 1;
            }
            if (finding.Severity == "critical") critical++;
            if (!byKey.TryGetValue(finding.Key, out var label))
            {
                if (finding.IsWarningOrAbove) unlabelled++;
                continue;
            }
            matched.Add(finding.Key);
            // Per rule, every judged finding counts whatever its severity: a rule's precision is about
            // whether its findings are true, and it is what decides the severity it may report at.
            byRule[finding.Rule] = byRule.GetValueOrDefault(finding.Rule, VerdictCounts.None).Add(label.Verdict);
            if (!finding.IsWarningOrAbove) continue;
            judged = judged.Add(label.Verdict);
            judgedWarningByRule[finding.Rule] = judgedWarningByRule.GetValueOrDefault(finding.Rule, VerdictCounts.None).Add(label.Verdict);
        }
        var stale = byKey.Keys.Count(key => !matched.Contains(key));
        return new ProjectTally(warningOrAbove, critical, judged, unlabelled, byRule, stale, duplicates, warningByRule, judgedWarningByRule);
    }

    /// <summary>Sums per-rule counts over projects.</summary>
    public static SortedDictionary<string, VerdictCounts> SumByRule(IEnumerable<ProjectTally> tallies)
    {
        var sum = new SortedDictionary<string, VerdictCounts>(StringComparer.Ordinal);
        foreach (var tally in tallies)
        {
            foreach (var (rule, counts) in tally.ByRule)
                sum[rule] = sum.GetValueOrDefault(rule, VerdictCounts.None).Plus(counts);
        }
        return sum;
    }
}

/// <summary>Letter grades in order, to say how far the tool's grade is from a reviewer's.</summary>
public static class Grades
{
    private static readonly string[] Letters = ["A", "B", "C", "D", "F"];

    /// <summary>Letters between two grades (A vs C is 2), or null when either is not a letter grade.</summary>
    public static int? Distance(string tool, string reviewer)
    {
        var a = Array.IndexOf(Letters, tool.Trim().ToUpperInvariant());
        var b = Array.IndexOf(Letters, reviewer.Trim().ToUpperInvariant());
        return a < 0 || b < 0 ? null : Math.Abs(a - b);
    }
}
