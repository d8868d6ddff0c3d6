using System.Text.Json;
using SchemaAudit.Cli;

namespace SchemaAudit.Corpus;

/// <summary>One finding of an audit, reduced to what the suite needs. <see cref="Path"/> is relative to the project root.</summary>
public sealed record AuditedFinding(string Rule, string Severity, string Path, int Line, string Message)
{
    public FindingKey Key => new(Rule, Path, Line);

    /// <summary>Warning and critical: the findings a user is told to act on.</summary>
    public bool IsWarningOrAbove => Severity is "warning" or "critical";
}

/// <summary>What one audit of a project produced.</summary>
public sealed record AuditOutcome(int Tables, int? Score, string Grade, IReadOnlyList<AuditedFinding> Findings, int Diagnostics);

/// <summary>Audits one project folder. The suite's seam: tests give it a folder of synthetic files.</summary>
public interface IProjectAuditor
{
    /// <param name="projectDirectory">The checkout's root.</param>
    /// <param name="paths">Folders to audit, relative to the root; empty for the whole checkout.</param>
    AuditOutcome Audit(string projectDirectory, IReadOnlyList<string> paths);
}

/// <summary>
/// Runs <c>schema-audit audit --format json</c> in-process (the CLI's own entry point, so the suite
/// measures exactly what a user gets) and reads the JSON report.
/// </summary>
public sealed class CliProjectAuditor : IProjectAuditor
{
    public AuditOutcome Audit(string projectDirectory, IReadOnlyList<string> paths)
    {
        var args = new List<string> { "audit" };
        args.AddRange(paths.Count > 0 ? paths : ["."]);
        args.AddRange(["--format", "json", "--fail-on", "none"]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run([.. args], stdout, stderr, projectDirectory);
        if (exit != 0)
            throw new InvalidOperationException($"schema-audit exited with {exit}: {stderr.ToString().Trim()}");
        return ReadJsonReport(stdout.ToString());
    }

    /// <summary>Reads the JSON report; finding paths are made relative to the project root (the report's are relative to its <c>root</c>).</summary>
    public static AuditOutcome ReadJsonReport(string json)
    {
        using var document = JsonDocument.Parse(json);
        var report = document.RootElement;
        var root = report.TryGetProperty("root", out var r) ? r.GetString() ?? "." : ".";
        var prefix = root is "." or "" ? "" : root.TrimEnd('/') + "/";
        var findings = new List<AuditedFinding>();
        foreach (var finding in report.GetProperty("findings").EnumerateArray())
        {
            findings.Add(new AuditedFinding(
                finding.GetProperty("ruleId").GetString() ?? "",
                finding.GetProperty("severity").GetString() ?? "",
                prefix + (finding.TryGetProperty("path", out var p) ? p.GetString() ?? "" : ""),
                finding.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : 0,
                finding.TryGetProperty("message", out var m) ? m.GetString() ?? "" : ""));
        }
        var tables = report.GetProperty("statistics").GetProperty("tables").GetInt32();
        int? score = report.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null;
        var grade = report.TryGetProperty("grade", out var g) ? g.GetString() ?? "?" : "?";
        var diagnostics = report.TryGetProperty("diagnostics", out var d) && d.ValueKind == JsonValueKind.Array ? d.GetArrayLength() : 0;
        return new AuditOutcome(tables, score, grade, findings, diagnostics);
    }
}

/// <summary>
/// Reads reports written earlier (<c>DIR/owner__name.json</c>, from <c>schema-audit audit . --format json</c>
/// in the checkout) instead of auditing: to re-tally an older build's findings against today's labels.
/// </summary>
public sealed class SavedReportAuditor(string reportsDirectory) : IProjectAuditor
{
    public AuditOutcome Audit(string projectDirectory, IReadOnlyList<string> paths)
    {
        var report = Path.Combine(reportsDirectory, Path.GetFileName(Path.TrimEndingDirectorySeparator(projectDirectory)) + ".json");
        if (!File.Exists(report))
            throw new FileNotFoundException($"no saved report {report}");
        return CliProjectAuditor.ReadJsonReport(File.ReadAllText(report));
    }
}
