using System.Text;
using SchemaAudit.Configuration;
using SchemaAudit.Reporting.Safety;

namespace SchemaAudit.Cli;

/// <summary>Standard output, or a file given with <c>--output</c>.</summary>
internal static class OutputTarget
{
    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Report formats implied by an output file's extension, for when <c>--format</c> is not given.</summary>
    private static readonly Dictionary<string, string> s_formatsByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".json"] = "json",
        [".sarif"] = "sarif",
        [".html"] = "html",
        [".htm"] = "html",
        [".md"] = "markdown",
        [".markdown"] = "markdown",
        [".txt"] = "console",
        [".mmd"] = "mermaid",
    };

    /// <summary>The format an output file's extension names (<c>report.sarif</c> is SARIF), or null.</summary>
    public static string? FormatOf(string? outputPath) =>
        outputPath is not null && s_formatsByExtension.TryGetValue(Path.GetExtension(outputPath), out var format) ? format : null;

    /// <summary>
    /// Checks before any work that <paramref name="outputPath"/> can be written: its directory exists and
    /// it is not itself a directory. One clear error instead of an audit whose report is then lost.
    /// </summary>
    /// <exception cref="AuditInputException">The path cannot be a report file.</exception>
    public static void Validate(string? outputPath, CliContext context)
    {
        if (outputPath is null) return;
        if (outputPath.Length == 0) throw new AuditInputException("--output needs a file name");
        var full = context.FullPath(outputPath);
        if (Directory.Exists(full))
            throw new AuditInputException($"--output {outputPath}: is a directory; give a file name, e.g. {Path.Combine(outputPath, "schema-audit.json").Replace('\\', '/')}");
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            throw new AuditInputException($"--output {outputPath}: the directory {context.Display(directory)} does not exist; create it first");
    }

    /// <summary>
    /// Renders with <paramref name="write"/> into memory first, so a file is written whole or not
    /// at all (a crash half-way must not leave a truncated report for CI to publish). What is
    /// written passes the same last safety step as standard output (<see cref="SafeText.Document"/>).
    /// </summary>
    /// <exception cref="AuditInputException">The file cannot be written.</exception>
    public static void Write(string? outputPath, CliContext context, Action<TextWriter> write)
    {
        if (outputPath is null)
        {
            write(context.Out);
            context.Out.Flush();
            return;
        }
        Validate(outputPath, context);
        var buffer = new StringWriter { NewLine = "\n" };
        write(buffer);
        var full = context.FullPath(outputPath);
        try
        {
            File.WriteAllText(full, SafeText.Document(buffer.ToString(), context.Secrets), s_utf8NoBom);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"{outputPath}: cannot write the output file: {ex.Message}", ex);
        }
    }
}
