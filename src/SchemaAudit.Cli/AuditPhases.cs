using System.Diagnostics;
using System.Globalization;
using SchemaAudit.Configuration;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using Spectre.Console;

namespace SchemaAudit.Cli;

/// <summary>
/// Runs the phases of an audit (discovery, front-ends, rules, report), timing each for
/// <c>--verbose</c> and showing a spinner with the current phase on standard error when it is a
/// terminal, outside CI, and the user did not ask for <c>--quiet</c>. Redirected output never sees
/// an escape code.
/// </summary>
internal sealed class AuditPhases(CliContext context, bool showProgress)
{
    private readonly List<(string Name, TimeSpan Elapsed, string? Detail)> _timings = [];
    private readonly Stopwatch _total = Stopwatch.StartNew();

    /// <summary>Whether a progress display suits this process: stderr a terminal, not CI, not a dumb terminal.</summary>
    public static bool ProgressWanted(CliEnvironment environment, bool quiet) =>
        !quiet
        && environment.ErrorIsTerminal
        && string.IsNullOrEmpty(environment.GetVariable("CI"))
        && !string.Equals(environment.GetVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>Runs one phase; <paramref name="detail"/> adds a note to its timing line (e.g. how many files).</summary>
    public T Run<T>(string name, string status, Func<T> phase, Func<T, string?>? detail = null)
    {
        context.Cancellation.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();
        var result = showProgress ? WithSpinner(status, phase) : phase();
        _timings.Add((name, watch.Elapsed, detail?.Invoke(result)));
        return result;
    }

    /// <summary>Runs a phase that writes to the terminal itself (the report): timed, never under a spinner.</summary>
    public void Run(string name, Action phase)
    {
        var watch = Stopwatch.StartNew();
        phase();
        _timings.Add((name, watch.Elapsed, null));
    }

    /// <summary>
    /// <see cref="AuditRunner.BuildViews(IReadOnlyList{string}, string, AuditConfig)"/> in two timed phases:
    /// discovery, then the front-ends.
    /// </summary>
    public IReadOnlyList<Schema> ReadSources(AuditTargets targets, AuditConfig config)
    {
        var diagnostics = new List<Diagnostic>();
        var excluded = new List<ExcludedPath>();
        var files = Run("discovery", "Discovering files", () => AuditRunner.Discover(targets.FullPaths, targets.Root, config, diagnostics, excluded),
            found => $"{found.Count} files");
        var views = Run("front-ends", $"Reading {files.Count} files", () => AuditRunner.BuildViews(files),
            read => $"{read.Sum(v => v.Tables.Count)} tables in {read.Count} view(s)");
        views[0].Diagnostics.InsertRange(0, diagnostics);
        views[0].Excluded.AddRange(excluded);
        return views;
    }

    /// <summary>One line per phase on standard error, then the total.</summary>
    public void WriteTimings()
    {
        foreach (var (name, elapsed, detail) in _timings)
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"timing: {name,-12} {elapsed.TotalMilliseconds,8:F1} ms{(detail is null ? "" : "  " + detail)}"));
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timing: {"total",-12} {_total.Elapsed.TotalMilliseconds,8:F1} ms"));
    }

    private T WithSpinner<T>(string status, Func<T> phase)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.TerminalError ?? context.Error),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            ColorSystem = string.IsNullOrEmpty(context.Environment.GetVariable("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        T result = default!;
        console.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(status), _ => result = phase());
        return result;
    }
}
