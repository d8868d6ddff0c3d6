using SchemaAudit.Cli;
using SchemaAudit.Tests.Discovery;

namespace SchemaAudit.Tests.Baseline;

/// <summary><c>--quiet</c>, <c>--verbose</c> timings, and no progress display when output is not a terminal.</summary>
public sealed class OutputOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int Code, string Out, string Err) Run(CliEnvironment environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, _dir.Path, environment);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void WriteDefect() =>
        _dir.Write("models.py", File.ReadAllText(Path.Combine(TestPaths.Fixtures, "fk-set-null-not-null", "bad.py")));

    [Fact]
    public void Quiet_says_nothing_on_success()
    {
        _dir.Write("models.py", "from sqlalchemy import Column, Integer\nfrom sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass Tag(Base):\n    __tablename__ = \"tags\"\n    id = Column(Integer, primary_key=True)\n");
        var (code, output, error) = Run(CliEnvironment.Detached, "audit", ".", "--quiet");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void Quiet_says_only_why_the_exit_code_is_not_0()
    {
        WriteDefect();
        var (code, output, error) = Run(CliEnvironment.Detached, "audit", ".", "-q");
        Assert.Equal(ExitCodes.FindingsAtThreshold, code);
        Assert.Equal("", output);
        Assert.Contains("models.py:", error, StringComparison.Ordinal);
        Assert.Contains("critical fk-set-null-not-null", error, StringComparison.Ordinal);
        Assert.EndsWith("exit 1: 2 findings at or above `critical` (--fail-on)\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_still_writes_a_report_asked_for_by_format()
    {
        WriteDefect();
        var (_, output, _) = Run(CliEnvironment.Detached, "audit", ".", "--quiet", "--format", "sarif");
        Assert.Contains("\"version\": \"2.1.0\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_still_writes_a_file_it_is_given()
    {
        WriteDefect();
        var (_, output, _) = Run(CliEnvironment.Detached, "audit", ".", "--quiet", "--output", "report.txt");
        Assert.Equal("", output);
        Assert.Contains("fk-set-null-not-null", File.ReadAllText(_dir["report.txt"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_times_each_phase_on_stderr()
    {
        WriteDefect();
        var (_, output, error) = Run(CliEnvironment.Detached, "audit", ".", "--verbose", "--fail-on", "none");
        foreach (var phase in new[] { "discovery", "front-ends", "rules", "report", "total" })
            Assert.Matches($@"timing: {phase} +\d+\.\d ms", error);
        Assert.DoesNotContain("timing:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_and_verbose_together_are_a_usage_error()
    {
        WriteDefect();
        var (code, _, error) = Run(CliEnvironment.Detached, "audit", ".", "--quiet", "--verbose");
        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Contains("--quiet and --verbose", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, false, true)]
    [InlineData(false, null, false, false)]
    [InlineData(true, "true", false, false)]
    [InlineData(true, null, true, false)]
    public void Progress_only_on_a_terminal_outside_CI_and_not_quiet(bool errorIsTerminal, string? ci, bool quiet, bool expected)
    {
        var environment = new CliEnvironment { ErrorIsTerminal = errorIsTerminal, GetVariable = name => name == "CI" ? ci : null };
        Assert.Equal(expected, AuditPhases.ProgressWanted(environment, quiet));
    }

    [Fact]
    public void Redirected_output_carries_no_escape_codes()
    {
        WriteDefect();
        var (_, output, error) = Run(CliEnvironment.Detached, "audit", ".", "--verbose");
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u001b', error);
    }
}
