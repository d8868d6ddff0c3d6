using System.Text;
using SchemaAudit.Configuration;

namespace SchemaAudit.Cli;

/// <summary>Standard output, or a file given with <c>--output</c>.</summary>
internal static class OutputTarget
{
    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Renders with <paramref name="write"/> into memory first, so a file is written whole or not
    /// at all (a crash half-way must not leave a truncated report for CI to publish).
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
        var buffer = new StringWriter { NewLine = "\n" };
        write(buffer);
        var full = context.FullPath(outputPath);
        try
        {
            var directory = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            File.WriteAllText(full, buffer.ToString(), s_utf8NoBom);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"{outputPath}: cannot write the output file: {ex.Message}", ex);
        }
    }
}
