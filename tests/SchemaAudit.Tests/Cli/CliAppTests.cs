using System.Text.Json;
using SchemaAudit.Cli;
using SchemaAudit.Rules;
using SchemaAudit.Tests.Discovery;

namespace SchemaAudit.Tests.Cli;

/// <summary>The command line, in-process, as a user or a CI script drives it.</summary>
public sealed class CliAppTests : IDisposable
{
    private const string UnusedIgnore = "x = 1  # schema-audit: ignore[table-no-primary-key]\n";

    // One table and nothing critical: an audit that audited something and passes.
    private const string CleanModel = """
        from sqlalchemy import Column, Integer
        from sqlalchemy.orm import DeclarativeBase


        class Base(DeclarativeBase):
            pass


        class Tag(Base):
            __tablename__ = "tags"
            id = Column(Integer, primary_key=True)
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int Code, string Out, string Err) Run(params string[] args) => RunIn(CliEnvironment.Detached, args);

    private (int Code, string Out, string Err) RunIn(CliEnvironment environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, _dir.Path, environment);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string CopyFixture(string ruleId, string name, string to)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Fixtures, ruleId, name));
        return _dir.Write(to, text);
    }

    [Fact]
    public void Clean_project_exits_0()
    {
        _dir.Write("app/models.py", CleanModel);

        var (code, output, error) = Run("audit", "app");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", error);
        Assert.Contains("app", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_path_is_the_current_directory()
    {
        _dir.Write("models.py", UnusedIgnore);

        var (code, output, _) = Run("audit", "--format", "json", "--fail-on", "info");

        Assert.Equal(ExitCodes.FindingsAtThreshold, code);
        Assert.Contains("\"models.py\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_critical_finding_fails_by_default_and_not_with_fail_on_none()
    {
        CopyFixture("fk-set-null-not-null", "bad.py", "models.py");

        Assert.Equal(ExitCodes.FindingsAtThreshold, Run("audit", ".").Code);
        Assert.Equal(ExitCodes.Success, Run("audit", ".", "--fail-on", "none").Code);
    }

    [Fact]
    public void A_rule_below_high_precision_fails_only_with_all()
    {
        CopyFixture("table-no-primary-key", "bad.py", "models.py");

        Assert.Equal(ExitCodes.Success, Run("audit", ".", "--fail-on", "warning").Code);
        Assert.Equal(ExitCodes.FindingsAtThreshold, Run("audit", ".", "--fail-on", "warning", "--all").Code);
    }

    [Fact]
    public void A_suppressed_finding_does_not_fail()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "table-no-primary-key", "bad.py"))
            .Replace("# expect: table-no-primary-key", "# schema-audit: ignore[table-no-primary-key]", StringComparison.Ordinal);
        _dir.Write("models.py", text);
        var commentLine = Array.FindIndex(text.Split('\n'), l => l.Contains("schema-audit: ignore", StringComparison.Ordinal)) + 1;

        var (code, output, _) = Run("audit", "--format", "json", "--fail-on", "critical");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains($"\"suppressedBy\": \"inline comment at models.py:{commentLine}\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("unused-suppression", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical", ExitCodes.Success)]
    [InlineData("warning", ExitCodes.Success)]
    [InlineData("suggestion", ExitCodes.Success)]
    [InlineData("info", ExitCodes.FindingsAtThreshold)]
    [InlineData("none", ExitCodes.Success)]
    public void Fail_on_threshold_decides_the_exit_code(string threshold, int expected)
    {
        _dir.Write("models.py", UnusedIgnore); // one finding, severity info

        Assert.Equal(expected, Run("audit", "models.py", "--fail-on", threshold).Code);
    }

    [Fact]
    public void Fail_on_comes_from_the_configuration_unless_the_option_overrides_it()
    {
        _dir.Write("models.py", UnusedIgnore);
        _dir.Write(".schema-audit.yml", "fail-on: info\n");

        Assert.Equal(ExitCodes.FindingsAtThreshold, Run("audit").Code);
        Assert.Equal(ExitCodes.Success, Run("audit", "--fail-on", "critical").Code);
    }

    [Fact]
    public void Configuration_severity_override_changes_what_fails()
    {
        _dir.Write("models.py", UnusedIgnore);
        _dir.Write(".schema-audit.yml", "severity:\n  unused-suppression: critical\n");

        Assert.Equal(ExitCodes.FindingsAtThreshold, Run("audit").Code);
    }

    [Fact]
    public void Output_writes_the_report_to_a_file_and_says_so()
    {
        _dir.Write("models.py", UnusedIgnore);

        _dir.CreateDirectory("out");
        var (code, output, _) = Run("audit", ".", "--format", "json", "--output", "out/report.json");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("out/report.json", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(_dir["out/report.json"]));
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("unused-suppression", finding.GetProperty("ruleId").GetString());
        Assert.Equal("models.py", finding.GetProperty("path").GetString());
    }

    [Fact]
    public void Markdown_format_is_available()
    {
        _dir.Write("models.py", CleanModel);

        var (code, output, _) = Run("audit", "--format", "markdown");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("#", output.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unwritable_output_is_an_input_error()
    {
        _dir.Write("models.py", CleanModel);
        _dir.CreateDirectory("existing-dir");

        var (code, _, error) = Run("audit", "--output", "existing-dir");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Contains("--output existing-dir: is a directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_path_exits_2_and_names_it()
    {
        var (code, output, error) = Run("audit", "no/such/dir");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Equal("", output);
        Assert.Contains("no/such/dir: no such file or directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_configuration_exits_2_with_file_line_and_column()
    {
        _dir.Write("models.py", CleanModel);
        _dir.Write(".schema-audit.yml", "fail-on: warning\nexclude: []\nrules:\n  - table-no-primary-key\n");

        var (code, _, error) = Run("audit");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Contains(".schema-audit.yml:4:3: expected a mapping of rule ids to on/off", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_explicit_configuration_exits_2()
    {
        var (code, _, error) = Run("audit", "--config", "nope.yml");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Contains("nope.yml: configuration file not found", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audti")]
    [InlineData("audit", "--frmat", "json")]
    [InlineData("audit", "--fail-on", "sometimes")]
    [InlineData("audit", "--format", "pdf")]
    [InlineData("schema", "--format", "svg")]
    [InlineData("explain")]
    [InlineData]
    public void Usage_errors_exit_2(params string[] args)
    {
        _dir.Write("models.py", CleanModel);

        var (code, _, error) = Run(args);

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_suggest_the_closest_name()
    {
        Assert.Contains("did you mean `audit`", Run("audti").Err, StringComparison.Ordinal);
        Assert.Contains("did you mean `--format`", Run("audit", "--frmat", "json").Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Internal_errors_exit_3_with_the_exception_type_and_no_stack_trace()
    {
        _dir.Write("models.py", CleanModel);
        var stderr = new StringWriter();

        var code = CliApp.Run(["audit"], new ExplodingWriter(), stderr, _dir.Path);

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.Contains("internal error: System.InvalidOperationException: boom", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);

        var verbose = new StringWriter();
        Assert.Equal(ExitCodes.InternalError, CliApp.Run(["audit", "--verbose"], new ExplodingWriter(), verbose, _dir.Path));
        Assert.Contains("   at ", verbose.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_exits_0()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("audit", output, StringComparison.Ordinal);
        Assert.DoesNotContain("docs", output, StringComparison.Ordinal); // the maintainers' command is hidden
    }

    [Fact]
    public void Rules_lists_every_rule_with_severity_precision_and_category()
    {
        var (code, output, _) = Run("rules");

        Assert.Equal(ExitCodes.Success, code);
        foreach (var rule in RuleRegistry.AllMetadata)
            Assert.Matches($@"(?m)^{rule.Id}\s+{rule.Severity.ToString().ToLowerInvariant()}\s+{rule.Precision.LevelId}\*?\s+{rule.Category.ToString().ToLowerInvariant()}\s+", output);
    }

    [Fact]
    public void Explain_prints_the_full_documentation()
    {
        var rule = RuleRegistry.FindMetadata("table-no-primary-key")!;

        var (code, output, _) = Run("explain", "table-no-primary-key");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains(rule.Title, output, StringComparison.Ordinal);
        Assert.Contains(rule.Why, output, StringComparison.Ordinal);
        Assert.Contains(rule.Fix, output, StringComparison.Ordinal);
        Assert.Contains("primary_key=True", output, StringComparison.Ordinal); // the good example
        Assert.Contains("## Known problems", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_of_an_unknown_id_exits_2_with_the_closest_ids()
    {
        var (code, _, error) = Run("explain", "table-no-pk");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Contains("unknown rule id `table-no-pk`", error, StringComparison.Ordinal);
        Assert.Contains("`table-no-primary-key`", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_prints_the_model_as_json_or_mermaid()
    {
        CopyFixture("table-no-primary-key", "bad.py", "models.py");

        var (jsonCode, json, _) = Run("schema", ".");
        var (mermaidCode, mermaid, _) = Run("schema", ".", "--format", "mermaid");

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (jsonCode, mermaidCode));
        using var document = JsonDocument.Parse(json);
        Assert.Contains(document.RootElement.GetProperty("tables").EnumerateArray(), t => t.GetProperty("name").GetString() == "post_tags");
        Assert.Contains("erDiagram", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Colour_only_on_a_terminal_without_no_color()
    {
        var terminal = new CliEnvironment { OutputIsTerminal = true };
        var noColorSet = terminal with { GetVariable = name => name == "NO_COLOR" ? "1" : null };

        Assert.True(terminal.UseColor(noColorFlag: false));
        Assert.False(terminal.UseColor(noColorFlag: true));
        Assert.False(noColorSet.UseColor(noColorFlag: false));
        Assert.False(CliEnvironment.Detached.UseColor(noColorFlag: false));

        _dir.Write("models.py", UnusedIgnore);
        Assert.DoesNotContain("\u001b[", RunIn(terminal, "audit", "--no-color").Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", RunIn(noColorSet, "audit").Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", Run("audit").Out, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
            Assert.Contains("\u001b[", RunIn(terminal, "audit").Out, StringComparison.Ordinal);
    }

    /// <summary>Standard output that fails: stands for any bug surfacing as an unexpected exception.</summary>
    private sealed class ExplodingWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("boom");

        public override void Write(string? value) => throw new InvalidOperationException("boom");

        public override void Write(char[] buffer, int index, int count) => throw new InvalidOperationException("boom");
    }
}
