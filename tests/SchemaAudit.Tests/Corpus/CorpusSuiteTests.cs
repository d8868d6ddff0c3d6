using SchemaAudit.Corpus;

namespace SchemaAudit.Tests.Corpus;

/// <summary>The precision suite's arithmetic and its behaviour when a project is not checked out (synthetic data only).</summary>
public sealed class CorpusSuiteTests : IDisposable
{
    private readonly string _corpus = Directory.CreateTempSubdirectory("corpus-suite-").FullName;

    public void Dispose() => Directory.Delete(_corpus, recursive: true);

    private static AuditedFinding Finding(string rule, string severity, string path, int line) => new(rule, severity, path, line, "");

    private static Label Label(string rule, string path, int line, Verdict verdict) => new(rule, path, line, verdict, "why");

    [Fact]
    public void Tally_counts_judged_findings_at_warning_and_above_and_per_rule_at_any_severity()
    {
        AuditedFinding[] findings =
        [
            Finding("fk-missing-index", "warning", "db/a.sql", 3),
            Finding("fk-missing-index", "warning", "db/a.sql", 9),
            Finding("fk-missing-index", "warning", "db/b.sql", 4),   // unlabelled
            Finding("plaintext-secret-column", "critical", "db/a.sql", 5),
            Finding("no-soft-delete", "suggestion", "db/a.sql", 1),
            Finding("no-soft-delete", "suggestion", "db/b.sql", 1),  // unlabelled suggestion: not counted as unlabelled warning+
        ];
        Label[] labels =
        [
            Label("fk-missing-index", "db/a.sql", 3, Verdict.Real),
            Label("fk-missing-index", "db/a.sql", 9, Verdict.Noise),
            Label("plaintext-secret-column", "db/a.sql", 5, Verdict.Wrong),
            Label("no-soft-delete", "db/a.sql", 1, Verdict.Real),
            Label("index-redundant", "db/gone.sql", 7, Verdict.Real),      // stale: no such finding now
            Label("fk-missing-index", "db/a.sql", 3, Verdict.Wrong),       // duplicate: the first one counts
        ];

        var tally = ProjectTally.Compute(findings, labels);

        Assert.Equal(4, tally.WarningOrAbove);
        Assert.Equal(1, tally.Critical);
        Assert.Equal(new VerdictCounts(1, 1, 1), tally.JudgedWarningOrAbove);
        Assert.Equal(3, tally.JudgedWarningOrAbove.Judged);
        Assert.Equal(1.0 / 3, tally.JudgedWarningOrAbove.Precision!.Value, 6);
        Assert.Equal(1, tally.UnlabelledWarningOrAbove);
        Assert.Equal(1, tally.StaleLabels);
        Assert.Equal(1, tally.DuplicateLabels);
        Assert.Equal(new VerdictCounts(1, 1, 0), tally.ByRule["fk-missing-index"]);
        Assert.Equal(new VerdictCounts(0, 0, 1), tally.ByRule["plaintext-secret-column"]);
        Assert.Equal(new VerdictCounts(1, 0, 0), tally.ByRule["no-soft-delete"]);
        Assert.False(tally.ByRule.ContainsKey("index-redundant"));
        // Rule by rule: fk-missing-index judged 1 real of 2 over its 3 warning+ findings, the secret rule 0 of 1.
        Assert.Equal((3 * 0.5 + 1 * 0.0) / 4, tally.EstimatedPrecision!.Value, 6);
        Assert.Equal(1.0, tally.EstimateCoverage!.Value, 6);
    }

    [Fact]
    public void Estimated_precision_leaves_out_rules_with_nothing_judged_and_says_how_much_it_covers()
    {
        var tally = ProjectTally.Compute(
            [Finding("a", "warning", "x", 1), Finding("a", "warning", "x", 2), Finding("b", "warning", "x", 3), Finding("b", "critical", "x", 4)],
            [Label("a", "x", 1, Verdict.Real)]);

        Assert.Equal(1.0, tally.EstimatedPrecision!.Value, 6);
        Assert.Equal(0.5, tally.EstimateCoverage!.Value, 6);
        Assert.Null(ProjectTally.Compute([Finding("a", "warning", "x", 1)], []).EstimatedPrecision);
    }

    [Fact]
    public void Precision_is_absent_when_nothing_was_judged_and_rules_sum_over_projects()
    {
        Assert.Null(VerdictCounts.None.Precision);
        var first = ProjectTally.Compute([Finding("r", "warning", "a", 1)], [Label("r", "a", 1, Verdict.Real)]);
        var second = ProjectTally.Compute([Finding("r", "warning", "b", 2), Finding("r", "warning", "b", 3)],
            [Label("r", "b", 2, Verdict.Wrong), Label("r", "b", 3, Verdict.Real)]);

        var sum = ProjectTally.SumByRule([first, second]);

        Assert.Equal(new VerdictCounts(2, 0, 1), sum["r"]);
        Assert.Equal("67%", CorpusReport.Percent(sum["r"].Precision));
        Assert.Equal("–", CorpusReport.Percent(null));
    }

    [Fact]
    public void Grade_distance_counts_letters_and_ignores_a_grade_that_is_not_a_letter()
    {
        Assert.Equal(0, Grades.Distance("B", "b"));
        Assert.Equal(2, Grades.Distance("F", "C"));
        Assert.Equal(4, Grades.Distance("A", "F"));
        Assert.Null(Grades.Distance("not assessed", "B"));
    }

    [Fact]
    public void Labels_file_reads_the_documented_format_and_rejects_an_unknown_verdict()
    {
        var file = LabelFile.Parse("""
            repo: acme/shop
            commit: 0123456789abcdef0123456789abcdef01234567
            labels:
              - {rule: fk-missing-index, path: db/schema.sql, line: 8, verdict: real, reason: "orders are listed per customer"}
            """, "acme__shop.yaml");

        var label = Assert.Single(file.Labels);
        Assert.Equal(new FindingKey("fk-missing-index", "db/schema.sql", 8), label.Key);
        Assert.Equal(Verdict.Real, label.Verdict);

        var error = Assert.Throws<InvalidDataException>(() => LabelFile.Parse(
            "labels:\n  - {rule: r, path: p, line: 1, verdict: maybe, reason: x}\n", "x.yaml"));
        Assert.Contains("maybe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_projects_are_skipped_and_present_ones_are_audited_through_the_cli()
    {
        const string Pinned = "0123456789abcdef0123456789abcdef01234567";
        var checkout = Path.Combine(_corpus, "acme__shop");
        Directory.CreateDirectory(Path.Combine(checkout, "db"));
        File.WriteAllText(Path.Combine(checkout, "db", "schema.sql"), """
            CREATE TABLE customers (
                id bigint PRIMARY KEY,
                email text NOT NULL UNIQUE
            );

            CREATE TABLE orders (
                id bigint PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
                total_cents integer NOT NULL
            );
            """);
        var labels = Path.Combine(_corpus, "labels");
        Directory.CreateDirectory(labels);
        File.WriteAllText(Path.Combine(labels, "acme__shop.yaml"), $"""
            repo: acme/shop
            commit: {Pinned}
            labels:
              - {"{"}rule: fk-missing-index, path: db/schema.sql, line: 8, verdict: real, reason: "orders listed per customer"{"}"}
            """);
        var projects = CorpusManifest.Parse($"""
            projects:
              - {"{"}name: acme__shop, repo: acme/shop, commit: {Pinned}, kind: sql-migrations, dialect: postgresql, paths: [db], reviewerGrade: B{"}"}
              - {"{"}name: acme__absent, repo: acme/absent, commit: {Pinned}, kind: drizzle-pg, dialect: postgresql, reviewerGrade: C{"}"}
            """);
        var run = new CorpusRun(new CliProjectAuditor(), _ => "fedcba9876543210fedcba9876543210fedcba98");

        var results = run.Run(projects, _corpus, labels);

        var shop = results.Single(r => r.Project.Name == "acme__shop");
        Assert.False(shop.Skipped);
        Assert.Equal(2, shop.Outcome!.Tables);
        Assert.Equal(new VerdictCounts(1, 0, 0), shop.Tally!.JudgedWarningOrAbove);
        Assert.Equal(0, shop.Tally.UnlabelledWarningOrAbove);
        Assert.Contains(shop.Warnings, w => w.Contains("pinned 0123456789ab", StringComparison.Ordinal));
        var absent = results.Single(r => r.Project.Name == "acme__absent");
        Assert.True(absent.Skipped);
        Assert.Null(absent.Tally);

        var report = new StringWriter();
        CorpusReport.Write(report, results, listUnlabelled: false);
        Assert.Contains("acme__absent: skipped, not present in the corpus folder", report.ToString(), StringComparison.Ordinal);
        var rules = new StringWriter();
        CorpusReport.WriteRulesYaml(rules, results, new DateOnly(2026, 12, 4));
        Assert.Contains("  - {rule: fk-missing-index, judged: 1, real: 1, noise: 0, wrong: 0, precision: 1.00, date: 2026-12-04}", rules.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_corpus_folder_every_project_is_skipped()
    {
        var projects = CorpusManifest.Parse("projects:\n  - {name: acme__shop, repo: acme/shop, commit: x, reviewerGrade: B}\n");

        var results = new CorpusRun(new CliProjectAuditor(), _ => null).Run(projects, corpusDirectory: null, _corpus);

        Assert.Equal("CORPUS_DIR is not set", Assert.Single(results).SkippedBecause);
    }
}
