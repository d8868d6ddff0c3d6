using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.Rules.Integrity;

/// <summary>Rules that read the application code before choosing how loud to be (RULES.md, precision policy).</summary>
public sealed class EvidenceSeverityTests
{
    // The rule's own severities, before the precision gate lowers a rule of medium precision to suggestions.
    private static readonly AuditConfig AllAtOwnSeverity = new() { AllAtOwnSeverity = true };

    private static Finding Single(string ruleId, string fixture) =>
        Assert.Single(AuditRunner.Run([Path.Combine(TestPaths.Fixtures, ruleId, fixture)], AllAtOwnSeverity)
            .ActiveFindings, f => f.RuleId == ruleId);

    [Fact]
    public void A_nullability_mismatch_the_code_writes_null_to_is_a_warning_naming_the_write()
    {
        var finding = Single("orm-nullability-mismatch", "bad_written_null");

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("service.py:3", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nullability_mismatch_nothing_writes_null_to_is_a_suggestion_unless_set_null_writes_it()
    {
        var findings = AuditRunner.Run([Path.Combine(TestPaths.Fixtures, "orm-nullability-mismatch", "bad.py")], AllAtOwnSeverity)
            .ActiveFindings.Where(f => f.RuleId == "orm-nullability-mismatch").ToList();

        Assert.Contains(findings, f => f.Severity == Severity.Suggestion);
        Assert.All(findings, f => Assert.Equal(
            f.Message.Contains("ON DELETE SET NULL", StringComparison.Ordinal) ? Severity.Warning : Severity.Suggestion, f.Severity));
    }
}
