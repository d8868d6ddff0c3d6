using System.Reflection;

namespace SchemaAudit.Reporting;

/// <summary>The tool's name and version as shown in reports.</summary>
public static class ToolInfo
{
    public const string Name = "schema-audit";

    /// <summary>
    /// The assembly's informational version without build metadata (the <c>+commit</c> suffix the
    /// SDK appends), so reports of the same release are identical whichever commit built them.
    /// </summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var assembly = typeof(ToolInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
