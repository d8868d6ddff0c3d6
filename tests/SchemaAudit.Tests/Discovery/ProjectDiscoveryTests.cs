using System.Text;
using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Discovery;

public sealed class ProjectDiscoveryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (List<string> Paths, List<Diagnostic> Diagnostics) Discover(AuditConfig? config = null, string? root = null)
    {
        var diagnostics = new List<Diagnostic>();
        var files = ProjectDiscovery.Discover(root ?? _dir.Path, _dir.Path, config ?? AuditConfig.Default, diagnostics);
        return ([.. files.Select(f => f.RelativePath)], diagnostics);
    }

    [Fact]
    public void Finds_source_files_in_deterministic_order_with_forward_slashes()
    {
        _dir.Write("b.py");
        _dir.Write("a/z.py");
        _dir.Write("a/m.sql");
        _dir.Write("a/readme.txt");
        _dir.Write("A.py");

        Assert.Equal(["A.py", "a/m.sql", "a/z.py", "b.py"], Discover().Paths);
    }

    [Fact]
    public void Honours_root_gitignore_with_globs_anchors_and_directory_patterns()
    {
        _dir.Write(".gitignore", """
            # generated code
            *_pb2.py
            /top_only.py
            generated/
            docs/**/*.py
            """);
        _dir.Write("app/user_pb2.py");
        _dir.Write("top_only.py");
        _dir.Write("app/top_only.py");
        _dir.Write("app/generated/models.py");
        _dir.Write("docs/a/b/example.py");
        _dir.Write("docs/direct.py"); // "**/" also matches no folder at all
        _dir.Write("docs/keep.sql");
        _dir.Write("app/models.py");

        Assert.Equal(["app/models.py", "app/top_only.py", "docs/keep.sql"], Discover().Paths);
    }

    [Fact]
    public void Negation_re_includes_and_the_last_matching_pattern_wins()
    {
        _dir.Write(".gitignore", "*.py\n!models.py\nlegacy/models.py\n");
        _dir.Write("models.py");
        _dir.Write("other.py");
        _dir.Write("app/models.py");
        _dir.Write("legacy/models.py");

        Assert.Equal(["app/models.py", "models.py"], Discover().Paths);
    }

    [Fact]
    public void Nested_gitignore_applies_below_its_folder_and_overrides_its_parent()
    {
        _dir.Write(".gitignore", "*.sql\n");
        _dir.Write("app/.gitignore", "/local.py\n!schema.sql\n");
        _dir.Write("app/local.py");
        _dir.Write("app/sub/local.py");
        _dir.Write("app/schema.sql");
        _dir.Write("other/schema.sql");
        _dir.Write("local.py");

        Assert.Equal(["app/schema.sql", "app/sub/local.py", "local.py"], Discover().Paths);
    }

    [Fact]
    public void Git_info_exclude_and_ancestor_gitignore_apply_when_auditing_a_subfolder()
    {
        _dir.Write(".git/info/exclude", "scratch.py\n");
        _dir.Write(".gitignore", "service/ignored/\n");
        _dir.Write("service/scratch.py");
        _dir.Write("service/ignored/a.py");
        _dir.Write("service/models.py");

        Assert.Equal(["service/models.py"], Discover(root: _dir["service"]).Paths);
    }

    [Fact]
    public void Config_excludes_are_relative_to_the_configuration_file()
    {
        var config = ConfigLoader.Parse("exclude:\n  - \"migrations/**\"\n  - \"**/legacy_*.py\"\n", _dir[".schema-audit.yml"], ".schema-audit.yml");
        _dir.Write("migrations/versions/001.py");
        _dir.Write("app/legacy_user.py");
        _dir.Write("app/user.py");

        Assert.Equal(["app/user.py"], Discover(config).Paths);
    }

    [Fact]
    public void Skips_virtual_environments_dependencies_and_build_output()
    {
        _dir.Write("myenv/pyvenv.cfg", "home = /usr/bin");
        _dir.Write("myenv/lib/python3.12/site-packages/sqlalchemy/schema.py");
        _dir.Write("lib/site-packages/x.py");
        _dir.Write("web/node_modules/drizzle/index.ts");
        _dir.Write("bin/Debug/x.json");
        _dir.Write("obj/x.json");
        _dir.Write("build/lib/models.py");
        _dir.Write("dist/models.py");
        _dir.Write("__pycache__/models.py");
        _dir.Write(".venv/lib/models.py");
        _dir.Write("pkg.egg-info/x.py");
        _dir.Write("app/models.py");

        Assert.Equal(["app/models.py"], Discover().Paths);
    }

    [Fact]
    public void Symlink_pointing_outside_the_root_is_not_followed()
    {
        using var outside = new TempDirectory();
        outside.Write("secret/models.py");
        outside.Write("loose.py");
        _dir.Write("app/models.py");
        Directory.CreateSymbolicLink(_dir["linked_dir"], outside["secret"]);
        File.CreateSymbolicLink(_dir["linked_file.py"], outside["loose.py"]);

        var (paths, diagnostics) = Discover();

        Assert.Equal(["app/models.py"], paths);
        Assert.Equal(2, diagnostics.Count(d => d.Message.Contains("outside the audited directory", StringComparison.Ordinal)));
    }

    [Fact]
    public void Symlink_inside_the_root_is_followed_once_and_a_loop_terminates()
    {
        _dir.Write("app/models.py");
        _dir.Write("shared/base.py");
        Directory.CreateSymbolicLink(_dir["app/loop"], _dir["app"]);         // a cycle
        Directory.CreateSymbolicLink(_dir["alias"], _dir["shared"]);         // a second path to real files
        Directory.CreateSymbolicLink(_dir["vendored"], _dir["shared"] + "/../app/../shared"); // same, indirectly

        var (paths, diagnostics) = Discover();

        // Real paths win over links; nothing is read twice; the walk ends.
        Assert.Equal(["app/models.py", "shared/base.py"], paths);
        Assert.Contains(diagnostics, d => d.Span.Path == "app/loop" && d.Severity == DiagnosticSeverity.Info);
    }

    [Fact]
    public void Symlink_to_a_directory_not_otherwise_reachable_is_walked()
    {
        _dir.Write(".gitignore", "real/\n");
        _dir.Write("real/models.py");
        Directory.CreateSymbolicLink(_dir["models"], _dir["real"]);

        Assert.Equal(["models/models.py"], Discover().Paths);
    }

    [Fact]
    public void Big_and_binary_files_are_skipped_with_a_diagnostic()
    {
        _dir.Write("big.sql", new string('x', (int)ProjectDiscovery.MaxFileBytes + 1));
        _dir.WriteBytes("blob.json", [0x7B, 0x00, 0x7D]);
        _dir.Write("ok.py", "x = 1\n");

        var (paths, diagnostics) = Discover();

        Assert.Equal(["ok.py"], paths);
        Assert.Contains(diagnostics, d => d.Span.Path == "big.sql" && d.Message.Contains("over the", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Span.Path == "blob.json" && d.Message.Contains("binary", StringComparison.Ordinal));
    }

    [Fact]
    public void Decodes_utf8_with_bom_and_falls_back_to_latin1_with_an_info_diagnostic()
    {
        _dir.WriteBytes("bom.py", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("name = \"café\"\n")]);
        _dir.WriteBytes("latin1.py", Encoding.Latin1.GetBytes("name = \"café\"\n"));

        var diagnostics = new List<Diagnostic>();
        var files = ProjectDiscovery.Discover(_dir.Path, _dir.Path, AuditConfig.Default, diagnostics);

        Assert.Equal("name = \"café\"\n", files.Single(f => f.RelativePath == "bom.py").Text);
        Assert.Equal("name = \"café\"\n", files.Single(f => f.RelativePath == "latin1.py").Text);
        var note = Assert.Single(diagnostics);
        Assert.Equal("latin1.py", note.Span.Path);
        Assert.Equal(DiagnosticSeverity.Info, note.Severity);
    }

    [Fact]
    public void A_missing_path_is_an_input_error()
    {
        var ex = Assert.Throws<AuditInputException>(() => Discover(root: _dir["nope"]));
        Assert.Contains("no such file or directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_file_is_read_even_when_ignored()
    {
        _dir.Write(".gitignore", "*.py\n");
        _dir.Write("models.py", "x = 1\n");

        Assert.Equal(["models.py"], Discover(root: _dir["models.py"]).Paths);
    }

    [Fact]
    public void Thousands_of_files_are_all_discovered()
    {
        // Creating files dominates this test; 4,000 keep the suite fast and still expose any
        // per-file cost that is not constant (a pattern recompiled, a directory listed twice).
        const int count = 4_000;
        _dir.Write(".gitignore", "*.tmp\n**/cache/**\n!keep.tmp\n");
        for (var d = 0; d < 50; d++) _dir.CreateDirectory($"pkg{d}");
        for (var i = 0; i < count; i++) File.WriteAllBytes(_dir[$"pkg{i % 50}/m{i}.py"], []);

        var (paths, _) = Discover();

        Assert.Equal(count, paths.Count);
    }
}
