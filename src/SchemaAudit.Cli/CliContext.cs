namespace SchemaAudit.Cli;

/// <summary>One invocation's standard streams, working directory and environment.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, string CurrentDirectory, CliEnvironment Environment)
{
    /// <summary>A path from the command line, made absolute against the invocation's directory.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, CurrentDirectory);

    /// <summary>How a full path is shown in messages: relative to the working directory when below it.</summary>
    public string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? fullPath
            : relative.Replace('\\', '/');
    }
}
