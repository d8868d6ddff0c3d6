using SchemaAudit.Reporting;

namespace SchemaAudit.Tests.Reporting;

public sealed class MarkdownReporterTests
{
    private static readonly string s_report = ReportOutput.Render(new MarkdownReporter(), SampleAudit.Create());

    private static int IndexOfLine(string report, string line)
    {
        var lines = report.Split('\n');
        return Array.IndexOf(lines, line);
    }

    [Fact]
    public void Sections_are_present_and_in_order()
    {
        string[] headings =
        [
            "# Database model review: `examples/chat`",
            "## Executive summary",
            "## Statistics",
            "## Critical",
            "## Warnings",
            "## Suggestions",
            "## Notes",
            "## What is done well",
            "## Best-practices checklist",
            "## Action plan",
            "## Diagnostics",
        ];
        var positions = headings.Select(h => IndexOfLine(s_report, h)).ToList();
        Assert.All(positions.Zip(headings), p => Assert.True(p.First >= 0, $"missing heading: {p.Second}"));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Summary_states_assessment_score_grade_and_deductions()
    {
        var result = SampleAudit.Create();
        Assert.Contains($"**Score: {result.Score.Value}/100 ({result.Score.Grade}).**", s_report, StringComparison.Ordinal);
        Assert.Contains("**Overall assessment: ", s_report, StringComparison.Ordinal);
        Assert.Contains("| Rule | Severity | Findings | Points |", s_report, StringComparison.Ordinal);
        var missingIndex = result.Score.Deductions.Single(d => d.RuleId == "fk-missing-index");
        Assert.Contains($"| `fk-missing-index` | warning | {missingIndex.Count} | −{missingIndex.Points} |", s_report, StringComparison.Ordinal);
        Assert.Contains($"| **Total** |  | 7 | **−{result.Score.Deductions.Sum(d => d.Points)}** |", s_report, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_list_indexes_coverage_and_model_files()
    {
        Assert.Contains("| Indexes | 6 (4 primary, 0 unique, 2 other) |", s_report, StringComparison.Ordinal);
        Assert.Contains("| ORM type-annotation coverage | 100% |", s_report, StringComparison.Ordinal);
        Assert.Contains("| Documentation coverage (columns) | 14% |", s_report, StringComparison.Ordinal);
        Assert.Contains("| `app/models/message.py` | 55 |", s_report, StringComparison.Ordinal);
        Assert.DoesNotContain("settings.py", s_report, StringComparison.Ordinal); // not a model file
    }

    [Fact]
    public void Tables_are_listed_in_a_folded_table()
    {
        Assert.Contains("<details><summary>4 tables</summary>", s_report, StringComparison.Ordinal);
        Assert.Contains("| `conversation_members` | association | 2 | 2 | 1 | `app/models/conversation.py:40` |", s_report, StringComparison.Ordinal);
        Assert.Contains("| `messages` | `Message` | 6 | 3 | 2 | `app/models/message.py:20` |", s_report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_with_several_findings_is_one_heading_with_its_why_once_and_each_place()
    {
        Assert.Contains("### W1. `fk-missing-index`: Foreign key without an index (3 places)", s_report, StringComparison.Ordinal);
        var why = "PostgreSQL does not index foreign keys itself";
        Assert.Equal(1, Occurrences(s_report, why));
        Assert.Contains("- `app/models/message.py:26` (`messages.sender_id`): Foreign key `messages.sender_id` → `users.id` has no index.", s_report, StringComparison.Ordinal);
        Assert.Contains("- `app/models/conversation.py:44` (`conversation_members.user_id`):", s_report, StringComparison.Ordinal);
        // The three recommendations differ, so each place carries its own.
        Assert.Contains("  Fix: Add `index=True` to the column, or an `Index` whose first column is `reply_to_id`.", s_report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_finding_shows_place_message_why_fix_and_before_after()
    {
        var start = s_report.IndexOf("### C2. `orm-remote-side-builtin`", StringComparison.Ordinal);
        Assert.True(start >= 0);
        var section = s_report[start..s_report.IndexOf("## Warnings", start, StringComparison.Ordinal)];
        Assert.Contains("`app/models/message.py:38` (`messages.reply_to`)", section, StringComparison.Ordinal);
        Assert.Contains("**Why it matters.** `id` is Python's builtin function", section, StringComparison.Ordinal);
        Assert.Contains("**Fix.** Write `remote_side=\"Message.id\"`", section, StringComparison.Ordinal);
        Assert.Contains("Before:\n\n```python\nreply_to: Mapped[\"Message | None\"] = relationship(\n    remote_side=[id],", section, StringComparison.Ordinal);
        Assert.Contains("After:\n\n```python\n", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_fences_take_the_language_of_the_file_the_finding_is_in()
    {
        var sample = SampleAudit.Create();
        var meta = CannedRule.MetadataOf("server-default-raw-sql");
        var drizzle = new SchemaAudit.Analysis.Finding
        {
            RuleId = meta.Id, Severity = meta.Severity, Category = meta.Category, Message = "m", Recommendation = "r",
            Span = SchemaAudit.Model.SourceSpan.At("src/db/schema.ts", 3, 3), Before = "sql`now()`", After = "defaultNow()",
        };
        var result = new SchemaAudit.Pipeline.AuditResult
        {
            Root = sample.Root, Schema = sample.Schema, Findings = [drizzle], RulesRun = sample.RulesRun,
            Score = SchemaAudit.Pipeline.Score.Compute([drizzle], sample.Schema), Statistics = sample.Statistics,
        };
        var report = ReportOutput.Render(new MarkdownReporter(), result);
        Assert.Contains("Before:\n\n```typescript\nsql`now()`\n```", report, StringComparison.Ordinal);
        Assert.DoesNotContain("```python", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Suppressed_findings_are_counted_in_a_line_not_listed()
    {
        Assert.Contains("_1 finding suppressed by ignore comments or configuration, not shown and not counted in the score: `index-redundant` ×1._", s_report, StringComparison.Ordinal);
        Assert.DoesNotContain("ix_conversations_title", s_report, StringComparison.Ordinal);
    }

    [Fact]
    public void Done_well_lists_passed_rules_with_evidence_from_the_schema()
    {
        Assert.Contains("- ✅ Every table has a primary key (4 tables).", s_report, StringComparison.Ordinal);
        Assert.Contains("- ✅ Every foreign key states its `ON DELETE` behaviour (6 FKs).", s_report, StringComparison.Ordinal);
        Assert.Contains("- ✅ Timestamps are timezone-aware (1 timestamp column).", s_report, StringComparison.Ordinal);
        // A rule that fired is not praised, even when its only finding was suppressed.
        Assert.DoesNotContain("No foreign key lacks an index", s_report, StringComparison.Ordinal);
        Assert.DoesNotContain("No index duplicates", s_report, StringComparison.Ordinal);
    }

    [Fact]
    public void Checklist_marks_passed_failed_and_critical_practices()
    {
        Assert.Contains("| Every table has a primary key | ✅ | Every table has a primary key (4 tables). |", s_report, StringComparison.Ordinal);
        Assert.Contains("| Indexes on foreign keys | ⚠️ | `fk-missing-index` ×3 |", s_report, StringComparison.Ordinal);
        Assert.Contains("| Type annotations match nullability | ❌ | `orm-nullability-mismatch` ×1 |", s_report, StringComparison.Ordinal);
        Assert.Contains("| No redundant indexes | ⚠️ | 1 suppressed: `index-redundant` ×1 |", s_report, StringComparison.Ordinal);
        // A practice none of whose rules ran is not listed.
        Assert.DoesNotContain("| Secrets never stored or committed in clear |", s_report, StringComparison.Ordinal);
    }

    [Fact]
    public void Action_plan_is_ordered_by_severity_then_count()
    {
        var plan = s_report[s_report.IndexOf("## Action plan", StringComparison.Ordinal)..];
        var items = plan.Split('\n').Where(l => l.Length > 2 && char.IsDigit(l[0])).ToList();
        Assert.Equal(5, items.Count);
        Assert.StartsWith("1. **Critical: `orm-nullability-mismatch`** (1 place, first at `app/models/conversation.py:17`; see C1).", items[0], StringComparison.Ordinal);
        Assert.StartsWith("2. **Critical: `orm-remote-side-builtin`**", items[1], StringComparison.Ordinal);
        Assert.StartsWith("3. **Warning: `fk-missing-index`** (3 places, first at `app/models/conversation.py:44`; see W1).", items[2], StringComparison.Ordinal);
        Assert.StartsWith("4. **Warning: `server-default-raw-sql`**", items[3], StringComparison.Ordinal);
        Assert.StartsWith("5. **Suggestion: `relationship-large-collection-eager`**", items[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnostics_give_path_line_and_column()
    {
        Assert.Contains("- `app/models/legacy.py:7:12` error: expected ')' to close '(' opened at 7:5", s_report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_result_says_so_in_every_section()
    {
        var report = ReportOutput.Render(new MarkdownReporter(), SampleAudit.Clean());
        Assert.Contains("**Overall assessment: Excellent.**", report, StringComparison.Ordinal);
        Assert.Contains("It found no problem.", report, StringComparison.Ordinal);
        Assert.Contains("Nothing was deducted from the score.", report, StringComparison.Ordinal);
        Assert.Contains("No critical findings.", report, StringComparison.Ordinal);
        Assert.Contains("No warning findings.", report, StringComparison.Ordinal);
        Assert.Contains("No foreign key lacks an index (6 FKs checked).", report, StringComparison.Ordinal);
        Assert.DoesNotContain("## Diagnostics", report, StringComparison.Ordinal);
        Assert.DoesNotContain("## Notes", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic_has_no_dates_and_no_double_blank_lines()
    {
        var again = ReportOutput.Render(new MarkdownReporter(), SampleAudit.Create());
        Assert.Equal(s_report, again);
        Assert.DoesNotMatch(@"\b20\d\d-\d\d-\d\d\b", s_report);
        Assert.DoesNotContain("\n\n\n", s_report, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", s_report, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_matches_golden_file() => GoldenFile.AssertMatches("sample-report.md", s_report);

    private static int Occurrences(string text, string value)
    {
        int count = 0, at = 0;
        while ((at = text.IndexOf(value, at, StringComparison.Ordinal)) >= 0) { count++; at += value.Length; }
        return count;
    }
}
