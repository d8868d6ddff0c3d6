namespace SchemaAudit.Cli;

/// <summary>The process exit codes: a contract with CI scripts.</summary>
public static class ExitCodes
{
    /// <summary>Nothing active at or above <c>--fail-on</c>.</summary>
    public const int Success = 0;

    /// <summary>At least one active finding at or above <c>--fail-on</c>.</summary>
    public const int FindingsAtThreshold = 1;

    /// <summary>
    /// Bad command line, a path that does not exist or cannot be read, a configuration that does not parse,
    /// nothing to audit (no table found), a report that cannot be written.
    /// </summary>
    public const int UsageOrInputError = 2;

    /// <summary>A bug in the tool.</summary>
    public const int InternalError = 3;

    /// <summary>Interrupted (Ctrl-C, SIGTERM): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
