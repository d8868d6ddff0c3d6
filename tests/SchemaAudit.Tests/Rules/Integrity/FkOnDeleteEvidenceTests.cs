using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.Rules.Integrity;

/// <summary>
/// <c>fk-on-delete-unspecified</c> reads the application code before it decides how loud to be: a visible delete of the
/// parent that nothing prepares for is a warning (one per parent), the rest a suggestion, and a project-wide habit one finding.
/// </summary>
public sealed class FkOnDeleteEvidenceTests
{
    private const string RuleId = "fk-on-delete-unspecified";

    // The rule's own severities, before the precision gate lowers a rule of medium precision to suggestions.
    private static readonly AuditConfig AllAtOwnSeverity = new() { AllAtOwnSeverity = true };

    private static List<Finding> Audit(string fixture) =>
        [.. AuditRunner.Run([Path.Combine(TestPaths.Fixtures, RuleId, fixture)], AllAtOwnSeverity).ActiveFindings.Where(f => f.RuleId == RuleId)];

    [Fact]
    public void A_bulk_delete_of_the_parent_is_one_warning_naming_every_blocking_table()
    {
        var finding = Assert.Single(Audit("bad_parent_deleted"));

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(["invoices", "notes"], finding.TablesReached);
        Assert.Equal(2, finding.Occurrences);
        Assert.Contains("service.py:8", finding.Message, StringComparison.Ordinal);
        Assert.Contains(finding.RelatedSpans, s => s.Path.EndsWith("service.py", StringComparison.Ordinal) && s.Line == 8);
    }

    [Fact]
    public void Foreign_keys_everywhere_without_on_delete_are_one_project_level_suggestion()
    {
        var finding = Assert.Single(Audit("bad_convention"));

        Assert.Equal(Severity.Suggestion, finding.Severity);
        Assert.Equal(5, finding.Occurrences);
        Assert.Equal(4, finding.RelatedSpans.Count);
        Assert.Equal(["members", "projects", "tasks"], finding.TablesReached);
        Assert.StartsWith("5 foreign keys in 3 tables", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Children_detached_in_code_before_the_delete_leave_a_suggestion() =>
        Assert.Equal(Severity.Suggestion, Assert.Single(Audit("bad_children_detached")).Severity);

    [Fact]
    public void A_finding_without_evidence_of_deletes_stays_a_suggestion() =>
        Assert.All(Audit("bad.py"), f => Assert.Equal(Severity.Suggestion, f.Severity));
}
