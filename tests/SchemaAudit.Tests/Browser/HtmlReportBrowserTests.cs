using SchemaAudit.Cli;

namespace SchemaAudit.Tests.Browser;

/// <summary>
/// The HTML report of <c>examples/chat_app</c> in a real headless Chromium: it loads from a file URL
/// with no console error and no request, the severity filter hides and shows findings, clicking a
/// table in the diagram filters the findings to it, the cascade view lists what a delete reaches,
/// and a screenshot lands in the test output folder (<c>screenshots/</c>).
/// </summary>
public sealed class HtmlReportBrowserTests
{
    private const string Visible = "document.querySelectorAll('.finding:not([hidden])').length";

    private static string WriteReport()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var report = Path.Combine(folder, "chat_app-report.html");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(["audit", "examples/chat_app", "--format", "html", "--output", report, "--fail-on", "none"],
            stdout, stderr, TestPaths.RepositoryRoot, CliEnvironment.Detached);
        Assert.True(code == ExitCodes.Success, stderr.ToString());
        return report;
    }

    [SkippableFact]
    public async Task The_report_works_in_a_real_browser()
    {
        var report = WriteReport();
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(report).AbsoluteUri);

        // Loaded offline, without errors.
        Assert.Empty(browser.Errors);
        Assert.All(browser.Requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
        Assert.True(await browser.EvaluateAsync<int>("document.querySelectorAll('#er-diagram .er-table').length") >= 5);
        var total = await browser.EvaluateAsync<int>("document.querySelectorAll('.finding').length");
        var critical = await browser.EvaluateAsync<int>("document.querySelectorAll('.finding[data-severity=critical]').length");
        Assert.True(critical > 0 && total > critical, $"{critical} critical of {total}");
        Assert.Equal(total, await browser.EvaluateAsync<int>(Visible));

        // Severity filter: unticking "critical" hides exactly the critical findings; ticking it shows them again.
        await browser.ClickAsync("#severity-critical");
        Assert.Equal(total - critical, await browser.EvaluateAsync<int>(Visible));
        Assert.Equal(0, await browser.EvaluateAsync<int>("document.querySelectorAll('.finding[data-severity=critical]:not([hidden])').length"));
        await browser.ClickAsync("#severity-critical");
        Assert.Equal(total, await browser.EvaluateAsync<int>(Visible));

        // Clicking a table (one marked for critical findings) shows only that table's findings.
        var table = await browser.EvaluateAsync<string>("document.querySelector('.er-table.has-critical').dataset.table");
        var ofTable = await browser.EvaluateAsync<int>($"document.querySelectorAll('.finding[data-table=\"{table}\"]').length");
        await browser.ClickAsync($".er-table[data-table=\"{table}\"] .er-head");
        Assert.Equal(ofTable, await browser.EvaluateAsync<int>(Visible));
        Assert.True(await browser.EvaluateAsync<bool>($"[...document.querySelectorAll('.finding:not([hidden])')].every(f => f.dataset.table === '{table}')"));
        Assert.False(await browser.EvaluateAsync<bool>("document.getElementById('table-chip').hidden"));
        await browser.EvaluateAsync("document.getElementById('findings').scrollIntoView({ block: 'start' })");
        await File.WriteAllBytesAsync(Path.Combine(Path.GetDirectoryName(report)!, "chat_app-findings-of-one-table.png"), await browser.ScreenshotAsync(fullPage: false));
        await browser.ClickAsync("#clear-table");
        Assert.Equal(total, await browser.EvaluateAsync<int>(Visible));

        // Rule filter.
        var rule = await browser.EvaluateAsync<string>("document.querySelector('.finding').dataset.rule");
        await browser.EvaluateAsync($"(() => {{ const s = document.getElementById('filter-rule'); s.value = '{rule}'; s.dispatchEvent(new Event('change')); }})()");
        Assert.Equal(await browser.EvaluateAsync<int>($"document.querySelectorAll('.finding[data-rule=\"{rule}\"]').length"), await browser.EvaluateAsync<int>(Visible));

        // Cascade blast radius of the table that reaches most (listed first).
        await browser.EvaluateAsync("(() => { const s = document.getElementById('blast-table'); s.selectedIndex = 1; s.dispatchEvent(new Event('change')); })()");
        Assert.True(await browser.EvaluateAsync<int>("document.querySelectorAll('#blast-result li').length") > 0);
        Assert.True(await browser.EvaluateAsync<int>("document.querySelectorAll('.er-table.blast-deleted').length") > 0);

        await browser.EvaluateAsync("(() => { const s = document.getElementById('filter-rule'); s.value = ''; s.dispatchEvent(new Event('change')); document.getElementById('diagram').scrollTop = 0; window.scrollTo(0, 0); })()");
        var png = await browser.ScreenshotAsync(fullPage: false);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        await File.WriteAllBytesAsync(Path.Combine(Path.GetDirectoryName(report)!, "chat_app-report.png"), png);
        Assert.Empty(browser.Errors);
    }
}
