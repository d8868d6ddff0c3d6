using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Cli;

/// <summary>
/// What <c>--quiet</c> still says, on standard error: nothing when the exit code is 0, otherwise the
/// findings that caused it (one line each) and the reason.
/// </summary>
internal static class QuietSummary
{
    public static void Write(TextWriter error, AuditResult result, FailOn failOn)
    {
        if (failOn.Threshold is not { } threshold) return;
        var failing = result.ActiveFindings.Where(f => f.Severity.IsAtLeast(threshold)).ToList();
        if (failing.Count == 0) return;
        foreach (var f in failing)
            error.WriteLine($"{f.Span}: {f.Severity.Id()} {f.RuleId}: {f.Message}");
        error.WriteLine($"exit {ExitCodes.FindingsAtThreshold}: {failing.Count} finding{(failing.Count == 1 ? "" : "s")} at or above `{failOn}` (--fail-on)");
    }
}
