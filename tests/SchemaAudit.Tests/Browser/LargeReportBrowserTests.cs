using System.Globalization;
using System.Text;
using SchemaAudit.Cli;
using SchemaAudit.Reporting.Html;
using SchemaAudit.Tests.Discovery;

namespace SchemaAudit.Tests.Browser;

/// <summary>
/// The HTML review of a 2,000-table schema (the shape bench/ generates: a tree of foreign keys,
/// cascades, unindexed FKs, so about a thousand findings) stays light: under 5 MB, first paint in
/// headless Chromium under 3 s, and only what is on screen in the document (one page of findings,
/// one subject area of the diagram), with the rest reachable by scrolling and choosing.
/// </summary>
public sealed class LargeReportBrowserTests
{
    private const int Tables = 2000;
    private const long MaxBytes = 5L * 1024 * 1024;
    private const double MaxFirstPaintMs = 3000;

    [Fact]
    public async Task A_2000_table_review_is_small_and_paints_fast()
    {
        using var dir = new TempDirectory();
        WriteSchema(dir.Path);
        var report = Path.Combine(AppContext.BaseDirectory, "screenshots", "large-report.html");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(["audit", dir.Path, "--format", "html", "--output", report, "--fail-on", "none"],
            stdout, stderr, TestPaths.RepositoryRoot, CliEnvironment.Detached);
        Assert.True(code == ExitCodes.Success, stderr.ToString());
        var bytes = new FileInfo(report).Length;
        Assert.True(bytes < MaxBytes, $"the report is {bytes / 1024} KiB");

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(report).AbsoluteUri);
        var firstPaint = await browser.EvaluateAsync<double>(
            "(performance.getEntriesByName('first-contentful-paint')[0] || performance.getEntriesByType('navigation')[0]).startTime || performance.getEntriesByType('navigation')[0].loadEventEnd");
        var loaded = await browser.EvaluateAsync<double>("performance.getEntriesByType('navigation')[0].loadEventEnd");
        await File.WriteAllTextAsync(Path.ChangeExtension(report, ".timing.txt"),
            string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes, first contentful paint {firstPaint:F0} ms, load event {loaded:F0} ms\n"));
        Assert.True(firstPaint > 0, "no paint was recorded");
        // A wall-clock bound means nothing on a machine running many times more work than it has
        // cores (shared CI, parallel agents): there the timing is only recorded.
        if (!MachineOverloaded(out var load))
            Assert.True(firstPaint < MaxFirstPaintMs, $"first paint after {firstPaint:F0} ms (load event {loaded:F0} ms, load average {load:F1})");
        Assert.Empty(browser.Errors);

        // Only one page of findings and one subject area are in the document.
        var total = await browser.EvaluateAsync<int>(
            "[...document.querySelectorAll('template.finding-page')].reduce((n, t) => n + t.content.querySelectorAll('.finding').length, 0)"
            + " + document.querySelectorAll('#finding-list .finding').length");
        Assert.True(total > HtmlReporter.FindingsPerPage, $"{total} findings");
        Assert.Equal(HtmlReporter.FindingsPerPage, await browser.EvaluateAsync<int>("document.querySelectorAll('#finding-list .finding').length"));
        var boxes = await browser.EvaluateAsync<int>("document.querySelectorAll('#diagram .er-table').length");
        Assert.InRange(boxes, 2, DiagramAreas.MaxTables);

        // Scrolling to the end of the list brings the next page.
        await browser.EvaluateAsync("document.getElementById('finding-more').scrollIntoView()");
        await browser.EvaluateAsync("new Promise(r => setTimeout(r, 300))");
        Assert.True(await browser.EvaluateAsync<int>("document.querySelectorAll('#finding-list .finding').length") > HtmlReporter.FindingsPerPage);

        // Choosing a table in the cascade view shows the subject area that holds it.
        await browser.EvaluateAsync("(() => { const s = document.getElementById('blast-table'); s.value = 'table-1999'; s.dispatchEvent(new Event('change')); })()");
        Assert.True(await browser.EvaluateAsync<bool>("!!document.querySelector('#diagram #table-1999.blast-origin')"));
        Assert.Empty(browser.Errors);
    }

    /// <summary>Whether the one-minute load average is above twice the number of cores (Linux; elsewhere never).</summary>
    private static bool MachineOverloaded(out double load)
    {
        load = 0;
        if (!File.Exists("/proc/loadavg")) return false;
        load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        return load > 2 * Environment.ProcessorCount;
    }

    /// <summary>PostgreSQL DDL in files of 250 tables: each table references its parent in a binary tree.</summary>
    private static void WriteSchema(string directory)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < Tables; i++)
        {
            if (i > 0 && i % 250 == 0) Flush(directory, i / 250, sql);
            sql.Append(CultureInfo.InvariantCulture, $"CREATE TABLE t{i:D5} (\n    id bigserial PRIMARY KEY,\n");
            if (i > 0)
            {
                var action = (i % 4) switch { 0 => " ON DELETE CASCADE", 1 => " ON DELETE SET NULL", 2 => " ON DELETE RESTRICT", _ => "" };
                sql.Append(CultureInfo.InvariantCulture, $"    parent_id bigint REFERENCES t{(i - 1) / 2:D5} (id){action},\n");
            }
            sql.Append("    name varchar(200) NOT NULL,\n    payload jsonb NOT NULL DEFAULT '{}',\n    created_at timestamptz NOT NULL DEFAULT now(),\n    deleted_at timestamptz\n);\n");
            if (i > 0 && i % 3 != 0) sql.Append(CultureInfo.InvariantCulture, $"CREATE INDEX ix_t{i:D5}_parent_id ON t{i:D5} (parent_id);\n");
        }
        Flush(directory, (Tables + 249) / 250, sql);
    }

    private static void Flush(string directory, int number, StringBuilder sql)
    {
        File.WriteAllText(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"V{number}__tables.sql")), sql.ToString());
        sql.Clear();
    }
}
