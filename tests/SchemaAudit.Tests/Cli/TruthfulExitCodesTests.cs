using System.Net.Sockets;
using System.Text.Json;
using SchemaAudit.Cli;
using SchemaAudit.Tests.Discovery;

namespace SchemaAudit.Tests.Cli;

/// <summary>Every exit code says what happened: nothing audited, unreadable input and unwritable output are not a clean 0.</summary>
public sealed class TruthfulExitCodesTests : IDisposable
{
    private const string Model = """
        from sqlalchemy import Column, Integer
        from sqlalchemy.orm import DeclarativeBase


        class Base(DeclarativeBase):
            pass


        class Account(Base):
            __tablename__ = "accounts"
            id = Column(Integer, primary_key=True)
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, _dir.Path);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void An_empty_directory_is_not_a_perfect_score()
    {
        _dir.CreateDirectory("empty");

        var (code, output, error) = Run("audit", "empty");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.DoesNotContain("100/100", output + error, StringComparison.Ordinal);
        Assert.Contains("no table found in empty", error, StringComparison.Ordinal);
        Assert.Contains("Point schema-audit at", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_file_whose_base_is_elsewhere_says_why_nothing_was_found()
    {
        _dir.Write("app/models/user.py", "from app.db import Base\nfrom sqlalchemy import Column, Integer\n\n\nclass User(Base):\n    __tablename__ = \"users\"\n    id = Column(Integer, primary_key=True)\n");

        var (code, _, error) = Run("audit", "app/models/user.py");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Contains("none declares a table", error, StringComparison.Ordinal);
        Assert.Contains("Base", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_excluded_by_a_parent_configuration_names_the_exclusion()
    {
        _dir.Write(".schema-audit.yml", "exclude:\n  - \"app/**\"\n");
        _dir.Write("app/models.py", Model);

        var (code, _, error) = Run("audit", "app");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Contains("excluded: models.py: excluded by the configuration", error, StringComparison.Ordinal);
        Assert.Contains(".schema-audit.yml", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_cannot_be_read_is_exit_2_with_its_name()
    {
        // A socket exists but cannot be read, even by root (chmod would not stop root).
        var socketPath = _dir["models.py"];
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        var (code, output, error) = Run("audit", "models.py");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: models.py: cannot read the file", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://u:S3cret-xyzzy@h/db")]
    [InlineData("Host=h;Database=db;Username=u;Pasword=S3cret-xyzzy")]
    public void A_database_given_as_a_path_points_to_db_without_the_password(string text)
    {
        foreach (var command in new[] { "audit", "schema" })
        {
            var (code, output, error) = Run(command, text);

            Assert.Equal(ExitCodes.UsageOrInputError, code);
            Assert.DoesNotContain("S3cret-xyzzy", output + error, StringComparison.Ordinal);
            Assert.Contains("--db", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Output_into_a_missing_directory_is_one_clear_error_before_any_work()
    {
        _dir.Write("models.py", Model);

        var (code, output, error) = Run("audit", ".", "--output", "no/such/dir/report.json");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Equal("", output);
        Assert.Equal("error: --output no/such/dir/report.json: the directory no/such/dir does not exist; create it first", error.TrimEnd());
    }

    [Fact]
    public void Output_onto_a_directory_is_one_clear_error()
    {
        _dir.Write("models.py", Model);
        _dir.CreateDirectory("reports");

        var (code, _, error) = Run("audit", ".", "--output", "reports");

        Assert.Equal(ExitCodes.UsageOrInputError, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--output reports: is a directory", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report.json", "\"findings\"")]
    [InlineData("report.sarif", "\"$schema\"")]
    [InlineData("report.html", "<!DOCTYPE html>")]
    [InlineData("report.md", "# ")]
    public void The_format_follows_the_output_extension(string file, string marker)
    {
        _dir.Write("models.py", Model);

        var (code, output, _) = Run("audit", ".", "--output", file, "--fail-on", "none");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains(marker, File.ReadAllText(_dir[file]), StringComparison.Ordinal);
        Assert.Contains($"Wrote the ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_baseline_exits_0_without_the_report()
    {
        _dir.Write("models.py", Model.Replace("primary_key=True", "", StringComparison.Ordinal)); // a critical finding

        var (code, output, error) = Run("audit", ".", "--write-baseline", "baseline.json");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", output);
        Assert.Contains("findings to the baseline baseline.json", error, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir["baseline.json"]));
    }

    [Fact]
    public void Quiet_json_still_prints_the_report_it_was_asked_for()
    {
        _dir.Write("models.py", Model);

        var (code, output, error) = Run("audit", ".", "--quiet", "--format", "json");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("statistics").GetProperty("tables").GetInt32());
    }

    [Fact]
    public void A_file_over_the_size_limit_is_a_diagnostic_in_every_format()
    {
        _dir.Write("models.py", Model);
        _dir.WriteBytes("huge.sql", new byte[global::SchemaAudit.Discovery.ProjectDiscovery.MaxFileBytes + 1]);

        foreach (var format in new[] { "console", "markdown", "json", "sarif", "html" })
        {
            var (_, output, _) = Run("audit", ".", "--format", format, "--fail-on", "none");
            Assert.Contains("huge.sql", output, StringComparison.Ordinal);
            Assert.Contains("over the", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verbose_lists_what_was_read_skipped_and_excluded()
    {
        _dir.Write(".schema-audit.yml", "exclude:\n  - \"legacy/**\"\n");
        _dir.Write("models.py", Model);
        _dir.Write("legacy/old.py", Model);
        _dir.WriteBytes("blob.sql", [0, 1, 2]);

        var (_, output, error) = Run("audit", ".", "--verbose", "--fail-on", "none");

        Assert.Contains("config: .schema-audit.yml", error, StringComparison.Ordinal);
        Assert.Contains("view: models (1 table)", error, StringComparison.Ordinal);
        Assert.Contains("read: models.py", error, StringComparison.Ordinal);
        Assert.Contains("skipped: blob.sql: binary file", error, StringComparison.Ordinal);
        Assert.Contains("excluded: legacy/old.py: excluded by the configuration", error, StringComparison.Ordinal);
        Assert.Contains("Read 1 file (1 skipped, 1 excluded); views: models (1 table); configuration: .schema-audit.yml.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_color_means_no_escape_code_even_on_a_terminal()
    {
        _dir.Write("models.py", Model.Replace("primary_key=True", "", StringComparison.Ordinal));
        var stdout = new StringWriter();
        var terminal = new CliEnvironment { OutputIsTerminal = true, ErrorIsTerminal = true, TerminalWidth = 100 };

        CliApp.Run(["audit", ".", "--no-color"], stdout, new StringWriter(), _dir.Path, terminal);
        Assert.DoesNotContain('\u001b', stdout.ToString());

        var colour = new StringWriter();
        CliApp.Run(["audit", "."], colour, new StringWriter(), _dir.Path, terminal);
        Assert.Contains('\u001b', colour.ToString());
    }
}
