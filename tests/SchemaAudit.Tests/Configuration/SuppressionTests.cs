using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Text;
using SchemaAudit.Model;
using SchemaAudit.Rules;
using SchemaAudit.Rules.Integrity;

namespace SchemaAudit.Tests.Configuration;

/// <summary>
/// Inline ignore comments, end to end through the engine: a table without a primary key declared
/// at a given line, and the comments of a source file around it.
/// </summary>
public sealed class SuppressionTests
{
    private static IReadOnlyList<Finding> Audit(string source, int tableLine, AuditConfig? config = null)
    {
        var schema = new Schema();
        schema.Tables.Add(new Table { Name = "post_tags", Span = SourceSpan.At("models.py", tableLine, 1) });
        SuppressionScanner.Scan(new SourceFile("/p/models.py", "models.py", source), schema.Suppressions);
        return AuditEngine.Run(schema, [new TableNoPrimaryKey()], config ?? AuditConfig.Default);
    }

    private static Finding TableFinding(IReadOnlyList<Finding> findings) =>
        Assert.Single(findings, f => f.RuleId == "table-no-primary-key");

    private static List<Finding> Unused(IReadOnlyList<Finding> findings) =>
        [.. findings.Where(f => f.RuleId == RuleRegistry.UnusedSuppression.Id)];

    [Fact]
    public void A_comment_on_the_same_line_suppresses_and_marks_the_finding()
    {
        var findings = Audit("x = 1\npost_tags = Table(  # schema-audit: ignore[table-no-primary-key]\n)\n", tableLine: 2);

        Assert.Equal("inline comment at models.py:2", TableFinding(findings).SuppressedBy);
        Assert.Empty(Unused(findings));
    }

    [Fact]
    public void A_comment_on_the_line_above_suppresses_skipping_blank_and_comment_lines()
    {
        var source = "# schema-audit: ignore[table-no-primary-key]\n\n# an explanation\npost_tags = Table(\n)\n";
        var findings = Audit(source, tableLine: 4);

        Assert.True(TableFinding(findings).IsSuppressed);
        Assert.Empty(Unused(findings));
    }

    [Fact]
    public void A_trailing_comment_does_not_reach_the_next_line()
    {
        var findings = Audit("x = 1  # schema-audit: ignore[table-no-primary-key]\npost_tags = Table(\n)\n", tableLine: 2);

        Assert.False(TableFinding(findings).IsSuppressed);
        var unused = Assert.Single(Unused(findings));
        Assert.Equal(1, unused.Span.Line);
    }

    [Fact]
    public void A_list_of_ids_suppresses_each_and_reports_the_ids_that_matched_nothing()
    {
        var findings = Audit("post_tags = Table(  # schema-audit: ignore[fk-missing-index, table-no-primary-key]\n", tableLine: 1);

        Assert.True(TableFinding(findings).IsSuppressed);
        var unused = Assert.Single(Unused(findings));
        Assert.Contains("`fk-missing-index`", unused.Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Info, unused.Severity);
    }

    [Fact]
    public void A_comment_without_a_list_suppresses_every_rule()
    {
        var findings = Audit("post_tags = Table(  # schema-audit: ignore\n", tableLine: 1);

        Assert.True(TableFinding(findings).IsSuppressed);
        Assert.Empty(Unused(findings));
    }

    [Fact]
    public void A_comment_for_another_rule_does_not_suppress()
    {
        var findings = Audit("post_tags = Table(  # schema-audit: ignore[fk-missing-index]\n", tableLine: 1);

        Assert.False(TableFinding(findings).IsSuppressed);
        Assert.Single(Unused(findings));
    }

    [Fact]
    public void An_unknown_rule_id_is_reported_with_a_suggestion()
    {
        var findings = Audit("post_tags = Table(  # schema-audit: ignore[table-no-primary-keys]\n", tableLine: 1);

        var unused = Assert.Single(Unused(findings));
        Assert.Contains("not a rule id (did you mean `table-no-primary-key`?)", unused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comment_at_the_end_of_the_file_suppresses_nothing()
    {
        var findings = Audit("post_tags = Table(\n)\n# schema-audit: ignore[table-no-primary-key]\n", tableLine: 1);

        Assert.False(TableFinding(findings).IsSuppressed);
        Assert.Equal(3, Assert.Single(Unused(findings)).Span.Line);
    }

    [Fact]
    public void Switching_unused_suppression_off_or_the_named_rule_off_silences_the_report()
    {
        const string source = "x = 1  # schema-audit: ignore[table-no-primary-key]\npost_tags = Table(\n)\n";
        var offForTool = ConfigLoader.Parse("rules:\n  unused-suppression: off\n", null, "c.yml");
        var offForRule = ConfigLoader.Parse("rules:\n  table-no-primary-key: off\n", null, "c.yml");

        Assert.Empty(Unused(Audit(source, 2, offForTool)));
        Assert.Empty(Unused(Audit(source, 2, offForRule)));
    }

    [Fact]
    public void Other_comment_styles_are_recognised()
    {
        var into = new List<InlineSuppression>();
        SuppressionScanner.Scan(new SourceFile("/p/a.sql", "a.sql",
            "-- schema-audit: ignore[table-no-primary-key]\nCREATE TABLE t (x int);\n" +
            "const t = table('t'); // schema-audit: ignore[a, b]\n/* schema-audit: ignore */\n"), into);

        Assert.Equal(
            ["table-no-primary-key@1->2", "a,b@3->3", "@4->4"],
            into.Select(s => $"{string.Join(",", s.RuleIds)}@{s.Span.Line}->{s.AppliesToLine}"));
    }
}
