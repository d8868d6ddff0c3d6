using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;

namespace SchemaAudit.Tests.Reporting;

internal static class ReportOutput
{
    public static string Render(IReporter reporter, AuditResult result)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        reporter.Write(result, writer);
        return writer.ToString();
    }
}
