using System.CommandLine;
using SchemaAudit.Configuration;
using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;
using SchemaAudit.Reporting.Html;

namespace SchemaAudit.Cli.Commands;

/// <summary><c>schema-audit audit PATH...</c>: the audit itself, and the exit code CI acts on.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var paths = CommonOptions.Paths("Files or directories to audit (default: the current directory).");
        var format = new Option<string>("--format", "-f")
        {
            Description = $"Report format: {string.Join(", ", ReporterRegistry.Formats)}.",
            DefaultValueFactory = _ => "console",
        };
        var output = CommonOptions.Output("Write the report to this file instead of standard output.");
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "Exit with 1 when an active finding is at or above this severity: "
                + "critical (default), warning, suggestion, info, or none.",
        };
        failOn.AcceptOnlyFromAmong([.. FailOn.Names]);
        var config = CommonOptions.Config();
        var noColor = new Option<bool>("--no-color")
        {
            Description = "No colour in console output (also off with NO_COLOR or when output is redirected).",
        };

        var all = new Option<bool>("--all")
        {
            Description = "Report rules of medium or low measured precision at their own severity. By default they report "
                + "at most a suggestion, in the report's design-review part (`schema-audit rules` shows each rule's precision).",
        };

        var db = DatabaseOption.Create();
        var command = new Command("audit", "Audit database models and report defects with file and line.")
        {
            paths, format, output, failOn, config, noColor, all, db,
        };
        var reportOptions = new AuditReportOptions();
        reportOptions.AddTo(command);
        command.SetAction(parse => Run(context,
            parse.GetValue(paths), ChosenFormat(parse, format, output), parse.GetValue(output),
            parse.GetValue(failOn), parse.GetValue(config), parse.GetValue(noColor), parse.GetValue(all),
            DatabaseOption.Value(parse, db, context), parse, parse.GetResult(paths) is { Tokens.Count: > 0 }, reportOptions.Read(parse)));
        return command;
    }

    /// <summary><c>--format</c> when given; otherwise the format the <c>--output</c> file's extension names (<c>report.sarif</c>), else console.</summary>
    private static string ChosenFormat(ParseResult parse, Option<string> format, Option<string?> output) =>
        parse.GetResult(format) is { Implicit: false } ? parse.GetValue(format) ?? "console"
        : OutputTarget.FormatOf(parse.GetValue(output)) is { } implied && ReporterRegistry.Formats.Contains(implied) ? implied
        : "console";

    private static int Run(CliContext context, string[]? paths, string format, string? output, string? failOnText, string? configPath, bool noColor,
        bool all, string? database, ParseResult parse, bool pathsGiven, AuditReportSettings settings)
    {
        // --no-color means no escape code at all, so no spinner either (its cursor moves are escape codes).
        var phases = new AuditPhases(context, !noColor && AuditPhases.ProgressWanted(context.Environment, settings.Quiet));
        OutputTarget.Validate(output, context);
        var targets = AuditTargets.Resolve(paths, context);
        var config = CommonOptions.LoadConfig(context, targets, configPath);
        if (all) config.AllAtOwnSeverity = true;
        var failOn = failOnText is not null && FailOn.TryParse(failOnText, out var fromOption)
            ? fromOption
            : config.FailOn ?? FailOn.Default;

        var reporterOptions = new ReporterOptions
        {
            UseColor = output is null && context.Environment.UseColor(noColor),
            Width = output is null ? context.Environment.TerminalWidth : null,
            RepositoryPrefix = RepositoryRoot.PrefixOf(targets.Root),
            Excerpts = new SourceExcerpts(targets.Root),
        };
        var reporter = ReporterRegistry.Find(format, reporterOptions)
            ?? throw new AuditInputException($"unknown report format `{format}`{NameSuggestions.DidYouMean(format, ReporterRegistry.Formats)}; "
                + $"expected one of {string.Join(", ", ReporterRegistry.Formats)}");

        // --db alone audits only the database; with paths, the database is one more view (and drift is reported).
        // The database is read while the files are: its time is spent waiting on the server.
        var reading = database is null ? null : DatabaseOption.Start(database, context);
        var views = database is not null && !pathsGiven ? [] : phases.ReadSources(targets, config);
        var displayRoot = targets.DisplayRoot;
        if (reading is not null)
        {
            var live = phases.Run("database", "Reading the database", () => DatabaseOption.Finish(reading, context, parse));
            views = AuditRunner.WithLiveView(views, live);
            if (!pathsGiven) displayRoot = live.Tables.FirstOrDefault()?.Span.Path.Split('#')[0] ?? displayRoot;
        }
        var result = phases.Run("rules", "Running the rules", () => AuditRunner.Audit(views, displayRoot, config));
        // No table and nothing found: a score of 100/100 would be a lie, so say what was read and where to point the tool.
        if (NothingAudited.Explain(result, displayRoot, config) is { } nothing)
        {
            context.Error.WriteLine(nothing);
            return ExitCodes.UsageOrInputError;
        }
        result = AuditBaselines.Apply(result, settings, context);
        // --write-baseline records the findings and succeeds: the report is printed only when asked for by name.
        if (settings.WriteBaseline is not null && output is null && !settings.FormatGiven)
        {
            if (settings.Verbose) phases.WriteTimings();
            return ExitCodes.Success;
        }
        // --quiet drops the console report on the terminal; a file or another format was asked for by name.
        if (!(settings.Quiet && output is null && reporter is ConsoleReporter))
            phases.Run("report", () => OutputTarget.Write(output, context, writer => reporter.Write(result, writer)));

        var failed = settings.WriteBaseline is null && failOn.IsFailure(result.ActiveFindings);
        if (output is not null && !settings.Quiet)
        {
            var active = result.ActiveFindings.Count();
            context.Out.WriteLine($"Wrote the {reporter.Format} report to {output}: {active} finding{(active == 1 ? "" : "s")}, "
                + $"score {result.Score.Summary}.");
        }
        if (settings.Quiet) QuietSummary.Write(context.Error, result, failOn);
        if (settings.Verbose)
        {
            foreach (var line in InputSummary.Of(result).DetailLines()) context.Error.WriteLine(line);
            phases.WriteTimings();
        }
        return failed ? ExitCodes.FindingsAtThreshold : ExitCodes.Success;
    }
}
