namespace SchemaAudit.Cli;

/// <summary>One invocation's standard streams, working directory and environment.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, string CurrentDirectory, CliEnvironment Environment)
{
    /// <summary>Standard error as given, for the progress spinner only (its cursor moves are escape codes of ours).</summary>
    public TextWriter? TerminalError { get; init; }

    /// <summary>Set when the user interrupts (Ctrl-C, SIGTERM): a live read cancels its query and closes its connection.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Passwords this run was given (arguments, environment): masked wherever they would be printed or written.</summary>
    public IReadOnlyCollection<string> Secrets { get; init; } = [];

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
