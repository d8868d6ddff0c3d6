using System.CommandLine;
using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Drift;
using SchemaAudit.Frontends.Live;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;

namespace SchemaAudit.Cli.Commands;

/// <summary>
/// <c>schema-audit diff A B</c>: only the drift between two views of one schema. Each side is a
/// path (models, migrations, DDL: its primary view) or a database (<c>postgresql://...</c>,
/// <c>sqlite:///...</c>, a <c>.db</c> file). Exit 1 when they differ, 0 when they agree.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var first = new Argument<string>("first") { Description = "A path (models, migrations or DDL) or a database URL / connection string." };
        var second = new Argument<string>("second") { Description = "The other side, as for the first." };
        var format = new Option<string>("--format", "-f")
        {
            Description = $"Report format: {string.Join(", ", ReporterRegistry.Formats)}.",
            DefaultValueFactory = _ => "console",
        };
        var output = CommonOptions.Output("Write the report to this file instead of standard output.");
        var config = CommonOptions.Config();
        var command = new Command("diff", "Report only the drift between two views of a schema (models, migrations, a live database).")
        {
            first, second, format, output, config,
        };
        command.SetAction(parse => Run(context, parse, parse.GetValue(first)!, parse.GetValue(second)!,
            parse.GetValue(format) ?? "console", parse.GetValue(output), parse.GetValue(config)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string first, string second, string format, string? output, string? configPath)
    {
        var reporter = ReporterRegistry.Find(format, new ReporterOptions { UseColor = output is null && context.Environment.UseColor(false), Width = output is null ? context.Environment.TerminalWidth : null })
            ?? throw new AuditInputException($"unknown report format `{format}`; expected one of {string.Join(", ", ReporterRegistry.Formats)}");
        var filePaths = new[] { first, second }.Where(s => !DatabaseTarget.LooksLikeDatabase(s)).Select(context.FullPath).ToList();
        foreach (var path in filePaths)
            if (!File.Exists(path) && !Directory.Exists(path)) throw new AuditInputException($"{context.Display(path)}: no such file or directory");
        var root = filePaths.Count == 0 ? context.CurrentDirectory : AuditRunner.CommonRoot(filePaths);
        var auditConfig = filePaths.Count > 0
            ? ConfigLoader.Load(filePaths[0], configPath is null ? null : context.FullPath(configPath), context.Display)
            : AuditConfig.Default;

        var a = ReadSide(first, root, auditConfig, context, parse);
        var b = ReadSide(second, root, auditConfig, context, parse);
        var drift = DriftDetector.Compare(a, b);
        var findings = AuditEngine.ApplySuppressions([.. drift], a.Suppressions, auditConfig);
        findings.Sort(AuditEngine.CompareFindings);
        a.Diagnostics.AddRange(b.Diagnostics);
        var result = new AuditResult
        {
            Root = filePaths.Count == 0 ? "." : context.Display(root) is { Length: > 0 } shown ? shown : ".",
            Schema = a,
            Views = [a, b],
            Findings = findings,
            RulesRun = [],
            Score = Score.Compute(findings.Where(f => !f.IsSuppressed), a),
            Statistics = Statistics.Compute(a),
        };
        // A score and a checklist mean nothing for a comparison: the console shows just the differences.
        if (reporter.Format == "console")
            OutputTarget.Write(output, context, writer => WriteDrift(writer, first, second, a, b, result.ActiveFindings.ToList()));
        else
            OutputTarget.Write(output, context, writer => reporter.Write(result, writer));
        return result.ActiveFindings.Any() ? ExitCodes.FindingsAtThreshold : ExitCodes.Success;
    }

    private static void WriteDrift(TextWriter writer, string first, string second, Schema a, Schema b, List<Finding> drift)
    {
        writer.WriteLine($"schema-audit diff: {SecretRedactor.Redact(first)} ({a.Tables.Count} tables) vs {SecretRedactor.Redact(second)} ({b.Tables.Count} tables)");
        foreach (var d in a.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            writer.WriteLine($"  {d}");
        if (drift.Count == 0)
        {
            writer.WriteLine("no drift: the two views declare the same tables, columns, keys, indexes and defaults");
            return;
        }
        // Each message already names the other view's place.
        foreach (var f in drift)
            writer.WriteLine($"  {Where(f.Span)}  {f.Message}");
        writer.WriteLine($"{drift.Count} difference{(drift.Count == 1 ? "" : "s")}");
    }

    // A live database object has no line: its location is the redacted database address alone.
    private static string Where(SourceSpan span) => span.Line > 0 ? $"{span.Path}:{span.Line}" : span.Path;

    private static Schema ReadSide(string side, string root, AuditConfig config, CliContext context, ParseResult parse) =>
        DatabaseTarget.LooksLikeDatabase(side)
            ? DatabaseOption.Read(side, context, parse)
            : AuditRunner.BuildViews([context.FullPath(side)], root, config)[0];
}
