using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.Reporting;

public sealed class ScoreTests
{
    private static Finding Make(string ruleId, Severity severity, int line) => new()
    {
        RuleId = ruleId, Severity = severity, Category = RuleCategory.Integrity, Message = "m", Recommendation = "r",
        Span = SourceSpan.At("a.py", line, 1),
    };

    private static IEnumerable<Finding> Many(string ruleId, Severity severity, int count) =>
        Enumerable.Range(1, count).Select(i => Make(ruleId, severity, i));

    [Fact]
    public void The_reference_review_scenario_is_an_A()
    {
        // example-database-models-review.md: raw server defaults in five files and one duplicate index, graded A (94).
        var score = Score.Compute([.. Many("server-default-raw-sql", Severity.Warning, 5), .. Many("index-redundant", Severity.Warning, 1)]);
        Assert.Equal("A", score.Grade);
        Assert.Equal(92, score.Value);
    }

    [Fact]
    public void One_rule_costs_at_most_its_cap()
    {
        var score = Score.Compute(Many("fk-missing-index", Severity.Warning, 50));
        var deduction = Assert.Single(score.Deductions);
        Assert.Equal(50, deduction.Count);
        Assert.Equal(6, deduction.Points);
    }

    [Fact]
    public void Critical_findings_weigh_most_and_info_costs_nothing()
    {
        var score = Score.Compute([.. Many("table-no-primary-key", Severity.Critical, 2), .. Many("unused-suppression", Severity.Info, 3)]);
        Assert.Equal(84, score.Value);
        Assert.Equal("B", score.Grade);
        Assert.Equal(["table-no-primary-key"], score.Deductions.Select(d => d.RuleId));
    }

    [Fact]
    public void Score_never_goes_below_zero()
    {
        var findings = Enumerable.Range(0, 10).SelectMany(i => Many($"rule-{i}", Severity.Critical, 3));
        Assert.Equal(0, Score.Compute(findings).Value);
        Assert.Equal("F", Score.Compute(findings).Grade);
    }
}
