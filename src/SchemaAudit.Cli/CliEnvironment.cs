namespace SchemaAudit.Cli;

/// <summary>
/// What the command line needs to know about the process it runs in: whether standard output
/// is a terminal, its width, and environment variables. Tests pass their own.
/// </summary>
public sealed record CliEnvironment
{
    /// <summary>Redirected output, no environment: what tests see by default.</summary>
    public static CliEnvironment Detached { get; } = new();

    public bool OutputIsTerminal { get; init; }

    public int? TerminalWidth { get; init; }

    /// <summary>Standard error is a terminal: progress displays go there, and only then.</summary>
    public bool ErrorIsTerminal { get; init; }

    public Func<string, string?> GetVariable { get; init; } = _ => null;

    public static CliEnvironment FromProcess()
    {
        var terminal = !Console.IsOutputRedirected;
        return new CliEnvironment
        {
            OutputIsTerminal = terminal,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            TerminalWidth = terminal ? SafeWindowWidth() : null,
            GetVariable = Environment.GetEnvironmentVariable,
        };
    }

    /// <summary>
    /// Colour only on a terminal, never when <c>--no-color</c> is given or <c>NO_COLOR</c> is set
    /// (any non-empty value, per no-color.org), nor on a <c>dumb</c> terminal.
    /// </summary>
    public bool UseColor(bool noColorFlag) =>
        OutputIsTerminal
        && !noColorFlag
        && string.IsNullOrEmpty(GetVariable("NO_COLOR"))
        && !string.Equals(GetVariable("TERM"), "dumb", StringComparison.Ordinal);

    private static int? SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
