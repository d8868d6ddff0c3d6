using System.Text.RegularExpressions;
using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;
using SchemaAudit.Reporting.Html;
using SchemaAudit.Tests.Discovery;
using SchemaAudit.Tests.Reporting;

namespace SchemaAudit.Tests.Html;

/// <summary>The HTML report as a document: self-contained, escaped, complete. Its behaviour in a browser is tested in Browser/.</summary>
public sealed class HtmlReporterTests
{
    private static string Render(AuditResult result, ReporterOptions? options = null) =>
        ReportOutput.Render(new HtmlReporter(options ?? ReporterOptions.Default), result);

    [Fact]
    public void The_page_is_self_contained()
    {
        var html = Render(SampleAudit.Create());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"<(link|img|iframe|object|embed)\b"), html);
        Assert.DoesNotMatch(new Regex(@"\b(src|href)\s*="), html);
        // The only URL is the SVG namespace, which is a name, not a request.
        Assert.Equal(["http://www.w3.org/2000/svg"], Regex.Matches(html, @"https?://[^""'\s<]+").Select(m => m.Value).Distinct());
    }

    [Fact]
    public void Summary_diagram_and_findings_are_there()
    {
        var result = SampleAudit.Create();
        var html = Render(result);

        Assert.Contains($"<span class=\"value\">{result.Score.Value}</span>", html, StringComparison.Ordinal);
        Assert.Contains($">{result.Score.Grade}</span>", html, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Matches(html, "<g class=\"er-table").Count);
        Assert.Equal(6, Regex.Matches(html, "<path class=\"er-edge").Count);
        Assert.Equal(result.ActiveFindings.Count(), Regex.Matches(html, "<article class=\"finding ").Count);
        // The table with a critical finding is marked; a finding knows its table for the click filter.
        Assert.Matches("<g class=\"er-table has-critical\"[^>]*data-table=\"messages\"", html);
        Assert.Contains("data-rule=\"orm-remote-side-builtin\" data-file=\"app/models/message.py\" data-table=\"messages\"", html, StringComparison.Ordinal);
        Assert.Contains("<code>remote_side</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_user_controlled_string_is_escaped()
    {
        const string Evil = "<script>alert(1)</script>";
        var schema = new Schema();
        var table = new Table { Name = Evil, Span = SourceSpan.At("app/\"evil\".py", 1, 1) };
        table.Columns.Add(new Column { Name = "<img src=x onerror=alert(2)>", IsPrimaryKey = true, TypeAsWritten = "</svg><b>" });
        table.ForeignKeys.Add(new ForeignKey { TargetTable = Evil, Columns = { "<i>" }, OnDelete = ReferentialAction.Cascade });
        schema.Tables.Add(table);
        schema.Diagnostics.Add(new Diagnostic(SourceSpan.At("x.py", 1, 1), "expected </script> & \"quotes\""));
        var finding = new Finding
        {
            RuleId = "rule-<x>", Severity = Severity.Critical, Category = RuleCategory.Security,
            Message = $"Table `{Evil}` is \"bad\" & 'worse' </script><!--", Recommendation = "Fix <b>now</b>",
            Span = table.Span, Table = Evil, Before = "</pre><script>", After = "x' onmouseover='alert(3)",
        };
        var result = new AuditResult
        {
            Root = "<root>", Schema = schema, Findings = [finding], RulesRun = [], Score = Score.Compute([finding], schema), Statistics = Statistics.Compute(schema),
        };

        var html = Render(result);

        Assert.Equal(2, Regex.Matches(html, "<script").Count); // our data and our code, nothing else
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onmouseover='", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        var data = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("<", data, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_excerpts_come_from_the_sources_and_a_missing_file_is_no_error()
    {
        using var dir = new TempDirectory();
        dir.Write("app/models/message.py", string.Join("\n", Enumerable.Range(1, 60).Select(n => $"line_{n} = {n}  # <tag>")));
        var html = Render(SampleAudit.Create(), new ReporterOptions { Excerpts = new SourceExcerpts(dir.Path) });

        Assert.Contains("<span class=\"ln target\"><span class=\"num\">38</span>line_38 = 38  # &lt;tag&gt;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"num\">36</span>", html, StringComparison.Ordinal);
        // conversation.py and user.py do not exist here: their findings simply have no excerpt.
        Assert.Equal(SampleAudit.Create().ActiveFindings.Count(), Regex.Matches(html, "<article class=\"finding ").Count);
    }

    [Fact]
    public void Excerpts_never_leave_the_audited_root()
    {
        using var dir = new TempDirectory();
        dir.Write("inside/a.py", "a = 1\n");
        dir.Write("secret.txt", "password\n");
        var excerpts = new SourceExcerpts(dir["inside"]);

        Assert.Single(excerpts.Around("a.py", 1, 1));
        Assert.Empty(excerpts.Around("../secret.txt", 1, 1));
        Assert.Empty(excerpts.Around("/etc/passwd", 1, 1));
        Assert.Empty(excerpts.Around("a.py", 5, 5));
        Assert.Empty(excerpts.Around("gone.py", 1, 1));
    }

    [Fact]
    public void A_clean_result_says_so()
    {
        var html = Render(SampleAudit.Clean());
        Assert.Contains("No findings", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<article class=\"finding ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic_and_registered()
    {
        Assert.Equal(Render(SampleAudit.Create()), Render(SampleAudit.Create()));
        Assert.IsType<HtmlReporter>(ReporterRegistry.Find("html"));
    }
}
