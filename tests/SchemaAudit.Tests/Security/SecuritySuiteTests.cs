using SchemaAudit.Cli;
using SchemaAudit.Reporting.Safety;
using SchemaAudit.Tests.Discovery;

namespace SchemaAudit.Tests.Security;

/// <summary>
/// The standing security suite: the hostile project of <c>tests/fixtures/hostile</c> (terminal escapes,
/// HTML and Markdown breakers, planted credentials, code-looking and path-like names), plus a symlink
/// out of it, through every command and every format. Whatever comes out — standard output, standard
/// error, report files — holds no raw control byte and no planted password; nothing is written outside
/// <c>--output</c>; nothing crashes (exit 3).
/// </summary>
public sealed class SecuritySuiteTests : IDisposable
{
    private const string Password = "Planted-S3cret-Pw";

    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _outside = new();
    private readonly string _project;

    public SecuritySuiteTests()
    {
        _project = Path.Combine(_dir.Path, "project");
        CopyDirectory(Path.Combine(TestPaths.Fixtures, "hostile"), _project);
        // A symlink out of the audited root, to a model file that must never be read.
        _outside.Write("secret_models.py", "from sqlalchemy import Column, Integer\nclass Leak(Base):\n    __tablename__ = \"leaked_outside_table\"\n    id = Column(Integer, primary_key=True)\n");
        File.CreateSymbolicLink(Path.Combine(_project, "app", "linked_models.py"), Path.Combine(_outside.Path, "secret_models.py"));
        Directory.CreateSymbolicLink(Path.Combine(_project, "outside"), _outside.Path);
    }

    public void Dispose()
    {
        _dir.Dispose();
        _outside.Dispose();
    }

    public static TheoryData<string[]> Commands()
    {
        var data = new TheoryData<string[]>();
        foreach (var format in new[] { "console", "markdown", "json", "sarif", "html" })
        {
            data.Add(["audit", "project", "--format", format, "--fail-on", "none"]);
            data.Add(["audit", "project", "--format", format, "--fail-on", "none", "--verbose"]);
            data.Add(["audit", "project", "--format", format, "--output", $"reports/report.{format}"]);
            data.Add(["diff", "project/app", "project/db", "--format", format]);
        }
        data.Add(["audit", "project/db/schema.sql", "--format", "console", "--no-color"]);
        data.Add(["audit", "project", "--quiet", "--fail-on", "info"]);
        data.Add(["audit", "project", "--write-baseline", "reports/baseline.json"]);
        data.Add(["schema", "project", "--format", "json"]);
        data.Add(["schema", "project", "--format", "mermaid"]);
        data.Add(["schema", "project/db", "--format", "json", "--output", "reports/schema.json"]);
        data.Add(["rules"]);
        data.Add(["explain", "hardcoded-credentials"]);
        data.Add(["explain", "evil\u001b[2J"]);
        // Databases and credentials given where paths are expected, and unreachable databases.
        data.Add(["audit", $"postgresql://admin:{Password}@db.internal/prod"]);
        data.Add(["schema", $"postgresql://admin:{Password}@db.internal/prod"]);
        data.Add(["audit", $"Host=db.internal;Database=prod;Username=admin;Pasword={Password}"]);
        data.Add(["audit", $"Host=db.internal;Database=prod;Username=admin;Password={Password}"]);
        data.Add(["audit", "--db", $"postgresql://admin:{Password}@127.0.0.1:1/prod?connect_timeout=2"]);
        data.Add(["audit", "--db", $"Host=127.0.0.1;Port=1;Database=prod;Username=admin;Password={Password};Timeout=2"]);
        data.Add(["audit", "--db", $"Host=127.0.0.1;Port=1;Database=prod;Username=admin;Pasword={Password}"]);
        data.Add(["diff", "project/db", $"postgresql://admin:{Password}@127.0.0.1:1/prod?connect_timeout=2"]);
        data.Add(["audit", "project", "--output", "../escape/report.json"]);
        data.Add(["audit", "project", "--output", "reports"]);
        data.Add(["audit", "project", "--format", "evil\u001b]0;title\u0007"]);
        data.Add(["audit", "project\u001b[2J/missing"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Nothing_raw_nothing_secret_nothing_outside_no_crash(string[] args)
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "reports"));
        var before = Snapshot(_dir.Path);
        var outsideBefore = Snapshot(_outside.Path);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = CliApp.Run(args, stdout, stderr, _dir.Path, new CliEnvironment { GetVariable = _ => null });

        Assert.NotEqual(ExitCodes.InternalError, code);
        AssertSafe("standard output", stdout.ToString());
        AssertSafe("standard error", stderr.ToString());
        var written = Snapshot(_dir.Path).Except(before, StringComparer.Ordinal).ToList();
        // Only what --output / --write-baseline named may appear, and only inside the working directory.
        var allowed = args.Zip(args.Skip(1)).Where(p => p.First is "--output" or "--write-baseline").Select(p => Path.GetFullPath(p.Second, _dir.Path)).ToHashSet();
        Assert.All(written, path => Assert.Contains(path, allowed));
        Assert.Equal(outsideBefore, Snapshot(_outside.Path));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(_dir.Path)!, "escape")), "--output ../escape wrote outside the working directory");
        foreach (var path in written) AssertSafe(Path.GetFileName(path), File.ReadAllText(path));
        Assert.DoesNotContain("leaked_outside_table", stdout + stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_symlink_out_of_the_root_is_noted_not_followed()
    {
        var stdout = new StringWriter();
        var code = CliApp.Run(["audit", "project", "--format", "json", "--fail-on", "none"], stdout, new StringWriter(), _dir.Path);

        Assert.Equal(ExitCodes.Success, code);
        Assert.DoesNotContain("leaked_outside_table", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("points outside the audited directory", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_hostile_names_are_still_reported_visibly()
    {
        var stdout = new StringWriter();
        CliApp.Run(["audit", "project/db", "--format", "console", "--fail-on", "none"], stdout, new StringWriter(), _dir.Path);

        // Neutralised, not dropped: the reader sees what the name really is.
        Assert.Contains("evil\u241B[2J\u241B]0;pwned\u2407", stdout.ToString(), StringComparison.Ordinal);
    }

    private static void AssertSafe(string what, string text)
    {
        Assert.False(text.Contains(Password, StringComparison.Ordinal), $"{what} holds the planted password:\n{text}");
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue; // a line ending, not a control
            Assert.False(ControlCharacters.IsUnsafe(text[i]),
                $"{what} holds a raw U+{(int)text[i]:X4} at {i}: …{text[Math.Max(0, i - 40)..Math.Min(text.Length, i + 40)]}…");
        }
    }

    private static HashSet<string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .ToHashSet(StringComparer.Ordinal);

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
