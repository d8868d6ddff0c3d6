using SchemaAudit.Configuration;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;

namespace SchemaAudit.Cli;

/// <summary>
/// An audit that found no table and nothing else to report has audited nothing: an empty directory,
/// a model file whose declarative <c>Base</c> lives in a file not given, a configuration that excludes
/// everything. Printing 100/100 (A) and exiting 0 would tell CI all is well; instead the user is told
/// what was read, why it held no table, and where to point the tool (exit 2).
/// </summary>
internal static class NothingAudited
{
    private const int MaxListed = 5;

    /// <summary>The explanation when <paramref name="result"/> audited nothing; null when it audited something.</summary>
    public static string? Explain(AuditResult result, string where, AuditConfig config)
    {
        if (result.Views.Any(v => v.Tables.Count > 0) || result.Schema.Tables.Count > 0 || result.ActiveFindings.Any()) return null;
        var inputs = InputSummary.Of(result);
        var lines = new List<string>
        {
            $"error: no table found in {where}: nothing was audited, so there is no score.",
            $"  {inputs.OneLine()}",
        };
        if (inputs.Read.Count == 0 && inputs.Skipped.Count == 0 && inputs.Excluded.Count == 0)
            lines.Add("  No model, migration or SQL file (.py, .ts, .sql, ...) is there.");
        foreach (var (heading, list) in new[] { ("skipped", inputs.Skipped), ("excluded", inputs.Excluded) })
        {
            foreach (var item in list.Take(MaxListed)) lines.Add($"  {heading}: {item.Path}: {item.Reason}");
            if (list.Count > MaxListed) lines.Add($"  ... and {list.Count - MaxListed} more {heading}");
        }
        if (inputs.Excluded.Count > 0 && config.DisplayPath is { } configFile)
            lines.Add($"  The exclude patterns of {configFile} may cover the models.");
        var problems = result.Schema.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info && !d.Message.StartsWith("skipped: ", StringComparison.Ordinal)).ToList();
        foreach (var d in problems.Take(MaxListed)) lines.Add($"  {d}");
        if (problems.Count > MaxListed) lines.Add($"  ... and {problems.Count - MaxListed} more diagnostics");
        if (inputs.Read.Count > 0)
            lines.Add("  Files were read but none declares a table: a model whose declarative `Base` (or `db.Model`) is defined in "
                + "another file needs that file too.");
        lines.Add("  Point schema-audit at the folder that holds the models (with the module that defines Base), the migrations "
            + "or the .sql files, e.g. `schema-audit audit app/`, or read a database with --db.");
        return string.Join(Environment.NewLine, lines);
    }
}
