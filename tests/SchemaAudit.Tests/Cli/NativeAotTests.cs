using System.Diagnostics;
using System.Runtime.InteropServices;
using SchemaAudit.Cli;

namespace SchemaAudit.Tests.Cli;

/// <summary>
/// The native CLI: publishes it once with Native AOT (<c>-p:PublishAot=true</c>, the command
/// docs/performance.md gives), then runs the bundled examples through the executable and checks
/// that its JSON is byte for byte what the JIT-compiled CLI writes. The publish fails on any
/// trim or AOT warning (warnings are errors in this repository), so reflection that the native
/// binary cannot keep fails here. Skipped, with the reason, where no C toolchain can link.
/// </summary>
public sealed class NativeAotTests
{
    [NativeToolchainFact]
    public void The_native_binary_writes_the_same_json_as_the_jit_build()
    {
        var binary = NativeBuild.Executable.Value;
        foreach (var example in new[] { "examples/chat_app", "examples/drizzle_hub" })
        {
            string[] args = ["audit", example, "--format", "json", "--fail-on", "none"];
            var (code, native, errors) = Run(binary, args);
            Assert.True(code == ExitCodes.Success, $"{example}: exit {code}\n{errors}");

            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Assert.Equal(ExitCodes.Success, CliApp.Run(args, stdout, stderr, TestPaths.RepositoryRoot, CliEnvironment.Detached));
            Assert.True(stdout.ToString() == native, $"{example}: the native JSON differs from the JIT build's");
        }
    }

    [NativeToolchainFact]
    public void The_native_binary_lists_every_rule()
    {
        var (code, native, errors) = Run(NativeBuild.Executable.Value, ["rules"]);
        Assert.True(code == ExitCodes.Success, errors);
        foreach (var rule in SchemaAudit.Rules.RuleRegistry.AllMetadata)
            Assert.Contains(rule.Id, native, StringComparison.Ordinal);
    }

    private static (int Code, string Stdout, string Stderr) Run(string executable, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}

/// <summary>The one AOT publish of this test run (it takes minutes; every test shares it).</summary>
internal static class NativeBuild
{
    public static readonly Lazy<string> Executable = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string Publish()
    {
        // Under the test output folder: reused by the next run (restore and compiler caches), removed by `dotnet clean`.
        var work = Path.Combine(AppContext.BaseDirectory, "native-aot");
        var output = Path.Combine(work, "publish");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Its own artifacts folder: the publish must not touch the obj/ folders the test run is using.
        foreach (var arg in new[]
        {
            "publish", "src/SchemaAudit.Cli", "-c", "Release", "-r", NativeToolchain.RuntimeIdentifier, "-p:PublishAot=true",
            "--artifacts-path", Path.Combine(work, "artifacts"), "-o", output, "--nologo",
        })
            start.ArgumentList.Add(arg);
        if (NativeToolchain.Linker is { } linker) start.ArgumentList.Add($"-p:CppCompilerAndLinker={linker}");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var log = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the AOT publish failed:\n{log}\n{stderr.Result}");
        var executable = Path.Combine(output, "schema-audit");
        Assert.True(File.Exists(executable), $"no executable at {executable}");
        return executable;
    }
}

/// <summary>Whether this machine can link a native executable: Linux x64/arm64 with clang or gcc.</summary>
internal static class NativeToolchain
{
    public static string RuntimeIdentifier => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>null for the SDK's default (clang); "gcc" when only gcc is installed.</summary>
    public static string? Linker => OnPath("clang") ? null : "gcc";

    public static string? MissingReason =>
        !OperatingSystem.IsLinux() ? "the native AOT test runs on Linux only"
        : RuntimeInformation.OSArchitecture is not (Architecture.X64 or Architecture.Arm64) ? "no Native AOT for this architecture"
        : !OnPath("clang") && !OnPath("gcc") ? "no C toolchain (clang or gcc) to link the native binary; `apt-get install -y clang zlib1g-dev` (.ci/run does it)"
        : null;

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));
}

/// <summary>A fact that is skipped, with the reason, where no C toolchain can link the native binary.</summary>
internal sealed class NativeToolchainFactAttribute : FactAttribute
{
    public NativeToolchainFactAttribute()
    {
        if (NativeToolchain.MissingReason is { } reason) Skip = reason;
    }
}
