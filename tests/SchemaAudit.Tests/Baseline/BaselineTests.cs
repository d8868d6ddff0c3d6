using System.Text.Json;
using SchemaAudit.Baseline;
using SchemaAudit.Cli;
using SchemaAudit.Configuration;
using SchemaAudit.Tests.Discovery;

namespace SchemaAudit.Tests.Baseline;

/// <summary>
/// <c>--write-baseline</c> and <c>--baseline</c> through the command line, as a team adopting the
/// tool on an old schema uses them.
/// </summary>
public sealed class BaselineTests : IDisposable
{
    private const string Models = """
        from sqlalchemy import Column, ForeignKey, Integer, String, Table
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


        class Base(DeclarativeBase):
            pass


        class Post(Base):
            __tablename__ = "posts"
            id: Mapped[int] = mapped_column(primary_key=True)
            title: Mapped[str] = mapped_column(String(200))


        post_tags = Table(
            "post_tags",
            Base.metadata,
            Column("post_id", Integer, ForeignKey("posts.id", ondelete="CASCADE")),
            Column("tag", String(50)),
        )

        """;

    private const string AnotherTable = """

        post_links = Table(
            "post_links",
            Base.metadata,
            Column("post_id", Integer, ForeignKey("posts.id", ondelete="CASCADE")),
            Column("url", String(500)),
        )

        """;

    /// <summary>One more defect, with exactly one finding: a nullable column annotated as never None.</summary>
    private static string WithOneDefect(string models) => models.Replace(
        "    title: Mapped[str] = mapped_column(String(200))\n",
        "    title: Mapped[str] = mapped_column(String(200))\n    body: Mapped[str] = mapped_column(String(2000), nullable=True)\n",
        StringComparison.Ordinal);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, _dir.Path, CliEnvironment.Detached);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement.Clone();

    private static int ActiveCount(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Count(f => !f.GetProperty("suppressed").GetBoolean());

    [Fact]
    public void Rerunning_with_the_baseline_reports_nothing_and_one_new_defect_reports_exactly_one()
    {
        _dir.Write("app/models.py", Models);
        var (writeCode, _, writeErr) = Run("audit", "app", "--write-baseline", "baseline.json", "--fail-on", "none");
        Assert.Equal(ExitCodes.Success, writeCode);
        Assert.Contains("baseline.json", writeErr, StringComparison.Ordinal);
        var recorded = BaselineFile.Read(_dir["baseline.json"], "baseline.json");
        Assert.NotEmpty(recorded);

        var (code, output, _) = Run("audit", "app", "--baseline", "baseline.json", "--format", "json", "--fail-on", "suggestion");
        var report = Json(output);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(0, ActiveCount(report));
        Assert.Equal(0, report.GetProperty("baseline").GetProperty("new").GetInt32());
        Assert.Equal(recorded.Count, report.GetProperty("baseline").GetProperty("unchanged").GetInt32());
        Assert.Equal(100, report.GetProperty("score").GetInt32());

        _dir.Write("app/models.py", WithOneDefect(Models));
        (code, output, _) = Run("audit", "app", "--baseline", "baseline.json", "--format", "json", "--fail-on", "suggestion");
        report = Json(output);
        Assert.Equal(ExitCodes.FindingsAtThreshold, code);
        var only = Assert.Single(report.GetProperty("findings").EnumerateArray(), f => !f.GetProperty("suppressed").GetBoolean());
        Assert.Equal("orm-nullability-mismatch", only.GetProperty("ruleId").GetString());
        Assert.Equal("body", only.GetProperty("columnName").GetString());
        Assert.Equal(1, report.GetProperty("baseline").GetProperty("new").GetInt32());
    }

    [Fact]
    public void Fingerprints_survive_lines_inserted_above_a_defect()
    {
        _dir.Write("app/models.py", Models);
        Run("audit", "app", "--write-baseline", "baseline.json", "--fail-on", "none");
        _dir.Write("app/models.py", "\n\n# moved down by a license header\n\n\n" + Models);

        var (code, output, _) = Run("audit", "app", "--baseline", "baseline.json", "--format", "json", "--fail-on", "info");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(0, ActiveCount(Json(output)));
    }

    [Fact]
    public void Fixed_entries_are_counted_and_said()
    {
        _dir.Write("app/models.py", WithOneDefect(Models));
        Run("audit", "app", "--write-baseline", "baseline.json", "--fail-on", "none");
        _dir.Write("app/models.py", Models);

        var json = Json(Run("audit", "app", "--baseline", "baseline.json", "--format", "json").Out);
        Assert.Equal(1, json.GetProperty("baseline").GetProperty("fixed").GetInt32());

        var (_, console, _) = Run("audit", "app", "--baseline", "baseline.json");
        Assert.Contains("1 fixed", console, StringComparison.Ordinal);
        var (_, markdown, _) = Run("audit", "app", "--baseline", "baseline.json", "--format", "markdown");
        Assert.Contains("1 fixed", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_findings_are_matched_one_for_one()
    {
        // Two identical ignore comments that suppress nothing: same rule, file and message.
        const string Twice = "x = 1  # schema-audit: ignore[table-no-primary-key]\ny = 2  # schema-audit: ignore[table-no-primary-key]\n";
        _dir.Write("app/settings.py", Twice);
        Run("audit", "app", "--write-baseline", "baseline.json", "--fail-on", "none");
        var entries = BaselineFile.Read(_dir["baseline.json"], "baseline.json");
        Assert.Equal(2, entries.Count);
        Assert.Equal(2, entries.Select(e => e.Fingerprint).Distinct().Count());

        _dir.Write("app/settings.py", Twice + "z = 3  # schema-audit: ignore[table-no-primary-key]\n");
        var report = Json(Run("audit", "app", "--baseline", "baseline.json", "--format", "json", "--fail-on", "none").Out);
        Assert.Equal(1, ActiveCount(report));
        Assert.Equal(2, report.GetProperty("baseline").GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public void The_baseline_file_is_sorted_and_readable()
    {
        _dir.Write("app/models.py", Models + AnotherTable);
        Run("audit", "app", "--write-baseline", "baseline.json", "--fail-on", "none");
        var text = File.ReadAllText(_dir["baseline.json"]);
        var entries = BaselineFile.Parse(text, "baseline.json");

        Assert.Equal(entries.OrderBy(e => e.RuleId, StringComparer.Ordinal).ThenBy(e => e.Table ?? "", StringComparer.Ordinal), entries);
        Assert.Contains("\"message\":", text, StringComparison.Ordinal);
        Assert.Contains("\"table\": \"post_links\"", text, StringComparison.Ordinal);
        Assert.Equal(text, BaselineFile.Serialize(entries));
    }

    [Theory]
    [InlineData("{ not json", "baseline.json:1:")]
    [InlineData("[1, 2]", "expected a baseline")]
    [InlineData("{\"findings\": [{\"ruleId\": \"x\"}]}", "no `fingerprint`")]
    [InlineData("{\"fingerprint\": \"v0\", \"findings\": []}", "write it again")]
    public void A_broken_baseline_is_an_input_error(string text, string expected)
    {
        _dir.Write("app/models.py", Models);
        _dir.Write("baseline.json", text);

        var (code, _, error) = Run("audit", "app", "--baseline", "baseline.json");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_baseline_is_an_input_error()
    {
        _dir.Write("app/models.py", Models);
        var (code, _, error) = Run("audit", "app", "--baseline", "nowhere.json");
        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Contains("nowhere.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_normalization_drops_line_numbers_only()
    {
        Assert.Equal("Index `a` repeats the one at models.py.", FindingFingerprints.NormalizeMessage("Index `a` repeats the one at models.py:12:5."));
        Assert.Equal("Declared twice (line and line).", FindingFingerprints.NormalizeMessage("Declared twice (line 3 and line 40)."));
        Assert.Equal("Column `varchar(255)` is 255 wide.", FindingFingerprints.NormalizeMessage("Column `varchar(255)`  is 255 wide."));
        Assert.NotNull(AuditConfig.Default);
    }
}
