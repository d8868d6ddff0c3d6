namespace SchemaAudit.Reporting.Sarif;

/// <summary>Relative URI references for SARIF artifact locations: forward slashes, each segment percent-encoded.</summary>
internal static class SarifUris
{
    public const string SourceRoot = "%SRCROOT%";

    /// <summary>True for spans in files; live database objects have a <c>postgresql://…#table</c> name instead.</summary>
    public static bool IsFile(Model.SourceSpan span) => span.Path.Length > 0 && !span.Path.Contains("://", StringComparison.Ordinal);

    /// <summary><paramref name="prefix"/> (the audited root inside the repository, e.g. <c>backend/</c>) joined with a report path.</summary>
    public static string Relative(string prefix, string path)
    {
        var joined = (prefix + path).Replace('\\', '/');
        var segments = joined.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s != ".")
            .Select(Uri.EscapeDataString);
        return string.Join('/', segments);
    }
}
