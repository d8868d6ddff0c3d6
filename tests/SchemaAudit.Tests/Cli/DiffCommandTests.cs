using SchemaAudit.Cli;

namespace SchemaAudit.Tests.Cli;

/// <summary>`schema-audit diff A B` on the console: only the differences, each with both places, and the exit code.</summary>
public sealed class DiffCommandTests
{
    private static (int Code, string Stdout) Diff(string first, string second)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(["diff", first, second, "--format", "console"], stdout, stderr, TestPaths.RepositoryRoot);
        return (code, stdout.ToString());
    }

    [Fact]
    public void Drift_lists_each_difference_with_both_places_and_exits_1()
    {
        var (code, output) = Diff("tests/fixtures/drift/models", "tests/fixtures/drift/deployed_with_drift.sql");

        Assert.Equal(1, code);
        Assert.True(output.Contains("`users.email` is nullable in the models but NOT NULL in the migrations", StringComparison.Ordinal), output);
        Assert.Contains("deployed_with_drift.sql:4)", output); // the other view's place
        Assert.Contains("3 differences", output);
        Assert.DoesNotContain("Score", output);
    }

    [Fact]
    public void Identical_views_say_so_and_exit_0()
    {
        var (code, output) = Diff("tests/fixtures/drift/models", "tests/fixtures/drift/deployed_as_modelled.sql");

        Assert.Equal(0, code);
        Assert.Contains("no drift", output);
    }
}
