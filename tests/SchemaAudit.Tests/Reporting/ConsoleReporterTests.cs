using SchemaAudit.Reporting;

namespace SchemaAudit.Tests.Reporting;

public sealed class ConsoleReporterTests
{
    private static string Render(bool color, int? width = null) =>
        ReportOutput.Render(new ConsoleReporter(new ReporterOptions { UseColor = color, Width = width }), SampleAudit.Create());

    [Fact]
    public void Without_colour_there_are_no_escape_codes()
    {
        var output = Render(color: false);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
        Assert.Contains("CRITICAL (2)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void With_colour_severities_are_coloured()
    {
        // NO_COLOR in the test environment would veto colour; the veto itself is tested below.
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))) return;
        var output = Render(color: true);
        Assert.Contains("\u001b[", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "", true)]
    [InlineData(true, "1", false)]
    [InlineData(false, null, false)]
    public void NO_COLOR_vetoes_colour(bool requested, string? noColor, bool expected) =>
        Assert.Equal(expected, ConsoleReporter.UseColor(requested, noColor));

    [Fact]
    public void Header_findings_diagnostics_and_verdict_appear_in_order()
    {
        var lines = Render(color: false).Split('\n');
        Assert.StartsWith("schema-audit ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(": examples/chat", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Score ", lines[1], StringComparison.Ordinal);
        Assert.Contains("2 critical, 4 warnings, 1 suggestion, 1 note (1 suppressed)", lines[1], StringComparison.Ordinal);

        int Find(string prefix) => Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        int critical = Find("CRITICAL"), warning = Find("WARNING"), suggestion = Find("SUGGESTION"), info = Find("INFO"), diag = Find("DIAGNOSTICS"), verdict = Find("x 8 findings");
        Assert.True(critical > 0 && critical < warning && warning < suggestion && suggestion < info && info < diag && diag < verdict,
            string.Join("\n", lines));
        var remoteSide = Array.FindIndex(lines, l => l.Contains("orm-remote-side-builtin", StringComparison.Ordinal));
        Assert.InRange(remoteSide, critical + 1, warning - 1);
        Assert.StartsWith("  app/models/message.py:38  orm-remote-side-builtin  Relationship `Message.reply_to`", lines[remoteSide], StringComparison.Ordinal);
        Assert.StartsWith("      `remote_side` instead of the column", lines[remoteSide + 1], StringComparison.Ordinal);
        Assert.StartsWith("      -> Write `remote_side=", lines[remoteSide + 2], StringComparison.Ordinal);
        Assert.Contains("  app/models/legacy.py:7:12  error: expected ')' to close '(' opened at 7:5", lines[diag + 1], StringComparison.Ordinal);
        Assert.Equal("x 8 findings (2 critical) in 4 tables; score " + SampleAudit.Create().Score.Value + "/100 (" + SampleAudit.Create().Score.Grade + ")", lines[verdict]);
    }

    [Fact]
    public void Brackets_in_messages_are_printed_not_parsed_as_markup()
    {
        var output = Render(color: false);
        Assert.Contains("remote_side=[Message.id]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Suppressed_findings_are_not_listed()
    {
        Assert.DoesNotContain("ix_conversations_title", Render(color: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_fit_the_configured_width()
    {
        var lines = Render(color: false, width: 80).Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length}: {l}"));
    }

    [Fact]
    public void Word_wrap_indents_continuations_and_keeps_long_words_whole()
    {
        var lines = ConsoleReporter.WordWrap("alpha beta gamma delta a/very/long/path/that/does/not/fit/anywhere.py end", 30, firstLineUsed: 10, "    ");
        Assert.Equal(["alpha beta gamma", "delta", "a/very/long/path/that/does/not/fit/anywhere.py", "end"], lines);
        Assert.Equal([""], ConsoleReporter.WordWrap("", 30, 0, ""));
    }

    [Fact]
    public void No_line_ends_in_a_space() =>
        Assert.All(Render(color: false).Split('\n'), l => Assert.False(l.EndsWith(' '), $"'{l}'"));

    [Fact]
    public void Clean_result_gives_an_ok_verdict()
    {
        var output = ReportOutput.Render(new ConsoleReporter(), SampleAudit.Clean());
        Assert.Contains("ok no findings in 4 tables; score 100/100 (A)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CRITICAL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_matches_golden_file() => GoldenFile.AssertMatches("sample-report.console.txt", Render(color: false));

    [Fact]
    public void Output_is_deterministic() => Assert.Equal(Render(color: false), Render(color: false));
}
