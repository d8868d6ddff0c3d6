using SchemaAudit.Baseline;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Cli.Commands;

/// <summary><c>--write-baseline</c> records the run's findings; <c>--baseline</c> keeps only findings it does not know.</summary>
internal static class AuditBaselines
{
    /// <exception cref="Configuration.AuditInputException">A baseline file cannot be read, parsed or written.</exception>
    public static AuditResult Apply(AuditResult result, AuditReportSettings settings, CliContext context)
    {
        if (settings.WriteBaseline is { } target)
        {
            var entries = BaselineFile.EntriesFor(result.Findings);
            BaselineFile.Write(context.FullPath(target), target, entries);
            if (!settings.Quiet)
                context.Error.WriteLine($"Wrote {entries.Count} finding{(entries.Count == 1 ? "" : "s")} to the baseline {target}.");
        }
        if (settings.Baseline is { } source)
            result = BaselineFilter.Apply(result, BaselineFile.Read(context.FullPath(source), source));
        return result;
    }
}
