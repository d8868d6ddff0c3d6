using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.Reporting;

public sealed class ScoreTests
{
    private static readonly ScoreBasis s_twelveTables = new(Tables: 12, Columns: 75, SchemaFiles: 7);

    private static Finding Make(string ruleId, Severity severity, int line, IReadOnlyList<string>? tables = null) => new()
    {
        RuleId = ruleId, Severity = severity, Category = RuleCategory.Integrity, Message = "m", Recommendation = "r",
        Span = SourceSpan.At("a.py", line, 1), Table = $"t{line}", Tables = tables ?? [],
    };

    private static IEnumerable<Finding> Many(string ruleId, Severity severity, int count) =>
        Enumerable.Range(1, count).Select(i => Make(ruleId, severity, i));

    // ---- Calibration on reviewed projects -------------------------------------------------------------------------

    private static AuditResult AuditDirectory(string directory, Func<string, string, string>? edit = null)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(full =>
            {
                var relative = Path.GetRelativePath(directory, full).Replace('\\', '/');
                var text = File.ReadAllText(full);
                return new SourceFile(full, relative, edit is null ? text : edit(relative, text));
            })
            .ToList();
        return AuditRunner.Audit(AuditRunner.BuildViews(files), ".", AuditConfig.Default);
    }

    private static string ReferenceProject => Path.Combine(TestPaths.Fixtures, "sqlalchemy", "reference-database-models");

    [Fact]
    public void The_reference_review_project_as_the_reviewer_left_it_is_an_A()
    {
        // example-database-models-review.md fixed the `remote_side=[id]` bug and the `Mapped[UUID]` annotation and gave
        // 94 (A) for what remained: raw server defaults in five files and duplicate indexes.
        var result = AuditDirectory(ReferenceProject, (path, text) => path switch
        {
            "app/models/message.py" => text.Replace("remote_side=[id]", "remote_side=\"Message.id\"", StringComparison.Ordinal),
            "app/models/conversation.py" => text.Replace("created_by: Mapped[UUID]", "created_by: Mapped[UUID | None]", StringComparison.Ordinal),
            _ => text,
        });
        Assert.DoesNotContain(result.ActiveFindings, f => f.Severity == Severity.Critical);
        Assert.Contains(result.ActiveFindings, f => f.RuleId == "server-default-raw-sql");
        Assert.Equal("A", result.Score.Grade);
        Assert.InRange(result.Score.Value!.Value, 90, 96);
    }

    [Fact]
    public void The_reference_review_project_before_its_fixes_is_an_A_or_a_B()
    {
        // One runtime failure (the builtin `id` as remote_side) costs about a letter, not the project.
        var result = AuditDirectory(ReferenceProject);
        Assert.Contains(result.ActiveFindings, f => f.RuleId == "orm-remote-side-builtin" && f.Severity == Severity.Critical);
        Assert.Contains(result.Score.Grade, new[] { "A", "B" });
    }

    [Theory]
    [InlineData("chat_app")]
    [InlineData("drizzle_hub")]
    public void The_examples_with_critical_defects_grade_C_or_worse(string example)
    {
        var result = AuditRunner.Run([Path.Combine(TestPaths.Examples, example)], AuditConfig.Default);
        Assert.Contains(result.ActiveFindings, f => f.Severity == Severity.Critical);
        Assert.Contains(result.Score.Grade, new[] { "C", "D", "F" });
    }

    [Fact]
    public void Data_loss_defects_in_several_places_grade_D_or_F()
    {
        // Deletes that fail on three tables and a leaked database password, in a ten-table schema.
        var basis = new ScoreBasis(10, 70, 5);
        Finding[] findings =
        [
            .. Many("fk-set-null-not-null", Severity.Critical, 3),
            Make("hardcoded-credentials", Severity.Critical, 40) with { Table = null },
            .. Many("fk-missing-index", Severity.Warning, 4),
        ];
        Assert.Contains(Score.Compute(findings, basis).Grade, new[] { "D", "F" });
    }

    // ---- Properties -----------------------------------------------------------------------------------------------

    [Fact]
    public void More_or_worse_findings_never_raise_the_score()
    {
        var random = new Random(12);
        string[] rules = ["fk-missing-index", "index-redundant", "fk-set-null-not-null", "no-soft-delete", "schema-drift"];
        Severity[] severities = [Severity.Critical, Severity.Warning, Severity.Suggestion, Severity.Info];
        for (var trial = 0; trial < 200; trial++)
        {
            var findings = new List<Finding>();
            var previous = Score.Compute(findings, s_twelveTables).Value!.Value;
            for (var i = 0; i < 30; i++)
            {
                var reach = random.Next(4) == 0 ? Enumerable.Range(0, random.Next(2, 13)).Select(t => $"t{t}").ToList() : null;
                var added = Make(rules[random.Next(rules.Length)], severities[random.Next(severities.Length)], i + 1, reach);
                findings.Add(added);
                var now = Score.Compute(findings, s_twelveTables).Value!.Value;
                Assert.True(now <= previous, $"adding {added.RuleId}/{added.Severity} raised the score from {previous} to {now}");
                previous = now;

                // Making one finding more severe never raises the score either.
                var worse = findings.ToList();
                var k = random.Next(worse.Count);
                if (worse[k].Severity != Severity.Critical)
                {
                    worse[k] = worse[k] with { Severity = worse[k].Severity - 1 };
                    Assert.True(Score.Compute(worse, s_twelveTables).Value <= now);
                }
            }
        }
    }

    [Fact]
    public void The_same_warnings_cost_less_in_a_bigger_schema_and_criticals_do_not()
    {
        var warnings = Many("fk-missing-index", Severity.Warning, 3).Concat(Many("index-redundant", Severity.Warning, 2)).ToList();
        var small = Score.Compute(warnings, new ScoreBasis(10, 80, 4)).Value;
        var big = Score.Compute(warnings, new ScoreBasis(100, 800, 40)).Value;
        Assert.True(big > small, $"{big} should be above {small}");

        var critical = Many("fk-set-null-not-null", Severity.Critical, 1).ToList();
        Assert.Equal(Score.Compute(critical, new ScoreBasis(10, 80, 4)).Value, Score.Compute(critical, new ScoreBasis(100, 800, 40)).Value);
    }

    [Fact]
    public void A_finding_that_reaches_many_tables_weighs_more_than_one_column_but_stays_one_root_cause()
    {
        var basis = new ScoreBasis(40, 320, 10);
        var tables = Enumerable.Range(0, 40).Select(i => $"t{i}").ToList();
        var convention = Score.Compute([Make("naive-utc-timestamp", Severity.Warning, 1, tables)], basis).Deductions.Single().Exact;
        var single = Score.Compute([Make("naive-utc-timestamp", Severity.Warning, 1)], basis).Deductions.Single().Exact;
        Assert.True(convention > single);
        Assert.True(convention <= 3 * single + 1e-9, "a convention weighs at most three single findings");
    }

    [Fact]
    public void One_rule_saturates_below_its_cap()
    {
        var score = Score.Compute(Many("fk-missing-index", Severity.Warning, 50), s_twelveTables);
        var deduction = Assert.Single(score.Deductions);
        Assert.Equal(50, deduction.Count);
        Assert.InRange(deduction.Exact, 3.9, 4.0);
    }

    [Fact]
    public void Info_costs_nothing_and_the_design_review_costs_at_most_two_points()
    {
        var suggestions = Enumerable.Range(0, 20).SelectMany(i => Many($"design-{i}", Severity.Suggestion, 5)).ToList();
        var score = Score.Compute([.. suggestions, .. Many("unused-suppression", Severity.Info, 3)], s_twelveTables);
        Assert.Equal(98, score.Value);
        Assert.DoesNotContain(score.Deductions, d => d.RuleId == "unused-suppression");
    }

    [Fact]
    public void Deductions_add_up_to_what_the_score_lost()
    {
        var findings = Many("fk-missing-index", Severity.Warning, 3).Concat(Many("no-soft-delete", Severity.Suggestion, 4))
            .Concat(Many("fk-set-null-not-null", Severity.Critical, 1)).Concat(Many("status-text-unconstrained", Severity.Suggestion, 2));
        var score = Score.Compute(findings, s_twelveTables);
        Assert.Equal(100 - score.Value, score.Deductions.Sum(d => d.Points));
    }

    [Fact]
    public void Score_never_goes_below_zero()
    {
        var findings = Enumerable.Range(0, 10).SelectMany(i => Many($"rule-{i}", Severity.Critical, 3));
        var score = Score.Compute(findings, s_twelveTables);
        Assert.Equal(0, score.Value);
        Assert.Equal("F", score.Grade);
    }

    [Fact]
    public void The_next_grade_names_the_fewest_fixes_that_reach_it()
    {
        var findings = Many("fk-set-null-not-null", Severity.Critical, 1).Concat(Many("fk-missing-index", Severity.Warning, 3));
        var score = Score.Compute(findings, s_twelveTables);
        Assert.Equal("B", score.Grade);
        var (fixes, value, grade) = score.NextGrade();
        Assert.Equal(["fk-set-null-not-null"], fixes.Select(d => d.RuleId));
        Assert.Equal("A", grade);
        Assert.True(value >= 90);
    }

    // ---- Not assessed ---------------------------------------------------------------------------------------------

    [Fact]
    public void No_table_read_is_not_assessed_rather_than_a_zero_or_a_hundred()
    {
        var empty = Score.Compute([], new ScoreBasis(0, 0));
        Assert.Null(empty.Value);
        Assert.Equal("not assessed", empty.Grade);
        Assert.Equal("no table could be read", empty.NotAssessedReason);

        var onlySecrets = Score.Compute(Many("hardcoded-credentials", Severity.Critical, 2), new ScoreBasis(0, 0));
        Assert.Null(onlySecrets.Value);
        Assert.NotEmpty(onlySecrets.Deductions);
    }

    [Fact]
    public void Most_schema_files_unreadable_is_not_assessed()
    {
        Assert.Null(Score.Compute([], new ScoreBasis(Tables: 3, Columns: 20, SchemaFiles: 10, UnreadableFiles: 6)).Value);
        Assert.Equal(100, Score.Compute([], new ScoreBasis(Tables: 3, Columns: 20, SchemaFiles: 10, UnreadableFiles: 5)).Value);
    }

    [Fact]
    public void The_basis_counts_files_with_errors_as_unreadable()
    {
        var schema = new Schema();
        schema.Files.Add(new SourceFileInfo("models.py", 40, HasModels: true));
        schema.Diagnostics.Add(new Diagnostic(SourceSpan.At("broken.sql", 3, 1), "expected ';'"));
        schema.Diagnostics.Add(new Diagnostic(SourceSpan.At("broken2.sql", 3, 1), "expected ';'"));
        var basis = ScoreBasis.Of(schema);
        Assert.Equal((0, 3, 2), (basis.Tables, basis.SchemaFiles, basis.UnreadableFiles));
        Assert.Equal("no table could be read", basis.NotAssessedBecause);
    }
}
