using SchemaAudit.Reporting;

namespace SchemaAudit.Tests.Reporting;

public sealed class ReporterRegistryTests
{
    [Theory]
    [InlineData("console", typeof(ConsoleReporter))]
    [InlineData("markdown", typeof(MarkdownReporter))]
    [InlineData("json", typeof(JsonReporter))]
    [InlineData("JSON", typeof(JsonReporter))]
    public void Finds_reporters_by_format_name(string format, Type expected)
    {
        var reporter = ReporterRegistry.Find(format);
        Assert.NotNull(reporter);
        Assert.IsType(expected, reporter);
    }

    [Fact]
    public void Unknown_format_is_null() => Assert.Null(ReporterRegistry.Find("pdf"));

    [Fact]
    public void Lists_every_format_sorted() =>
        Assert.Equal(ReporterRegistry.Formats.Order(StringComparer.Ordinal), ReporterRegistry.Formats);

    [Fact]
    public void Options_reach_the_reporter()
    {
        var narrow = ReportOutput.Render(ReporterRegistry.Find("console", new ReporterOptions { Width = 80 })!, SampleAudit.Create());
        var wide = ReportOutput.Render(ReporterRegistry.Find("console")!, SampleAudit.Create());
        Assert.True(narrow.Split('\n').Max(l => l.Length) <= 80);
        Assert.True(wide.Split('\n').Max(l => l.Length) > 80);
    }
}
