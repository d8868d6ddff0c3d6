using System.CommandLine;
using System.CommandLine.Invocation;
using SchemaAudit.Cli.Commands;
using SchemaAudit.Configuration;
using SchemaAudit.Frontends.Live;
using SchemaAudit.Reporting.Safety;

namespace SchemaAudit.Cli;

/// <summary>
/// The <c>schema-audit</c> command line. Everything runs in-process against the given writers,
/// directory and environment, so tests drive it exactly as a user would.
/// </summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/>, runs the command, returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string? currentDirectory = null, CliEnvironment? environment = null,
        CancellationToken cancellation = default)
    {
        environment ??= CliEnvironment.Detached;
        // Everything printed, whatever prints it, passes the last safety step: no password, no raw control byte.
        var secrets = KnownSecrets(args, environment);
        var rawError = stderr;
        stdout = new SafeTextWriter(stdout, secrets, keepColor: environment.UseColor(args.Contains("--no-color")), "standard output");
        stderr = new SafeTextWriter(stderr, secrets, keepColor: false, "standard error");
        var context = new CliContext(stdout, stderr, Path.GetFullPath(currentDirectory ?? Environment.CurrentDirectory), environment)
        {
            TerminalError = rawError,
            Cancellation = cancellation,
            Secrets = secrets,
        };
        try
        {
            return Run(args, context, stdout, stderr);
        }
        finally
        {
            TryFlush(stdout);
            TryFlush(stderr);
        }
    }

    private static int Run(string[] args, CliContext context, TextWriter stdout, TextWriter stderr)
    {
        EfCore.DotNetFrontends.Register();
        var verbose = new Option<bool>("--verbose")
        {
            Description = "Show timings per phase on standard error, and stack traces for internal errors.",
            Recursive = true,
        };
        var root = BuildRootCommand(context, verbose);

        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            ReportUsageErrors(parseResult, stderr);
            return ExitCodes.UsageOrInputError;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            TryWriteLine(stderr, "cancelled");
            return ExitCodes.Cancelled;
        }
        catch (OutputWriteException ex)
        {
            // Standard output is gone or full: say so on standard error (which may be gone too).
            TryWriteLine(stderr, $"error: {ex.Message}");
            return ExitCodes.UsageOrInputError;
        }
        catch (AuditInputException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.UsageOrInputError;
        }
        catch (Exception ex)
        {
            // Our bug, not the user's: say so briefly; the stack trace is for --verbose.
            stderr.WriteLine($"internal error: {ex.GetType().FullName}: {ex.Message}");
            if (parseResult.GetValue(verbose)) stderr.WriteLine(ex.ToString());
            else stderr.WriteLine("This is a bug in schema-audit. Run again with --verbose for the stack trace and report it.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// Passwords this run may see and must never print: those written in its arguments (a URL or key-value
    /// string given as a path, <c>--db</c>, a <c>diff</c> side) and in <c>SCHEMA_AUDIT_DB</c>, <c>PGPASSWORD</c>.
    /// </summary>
    internal static IReadOnlyCollection<string> KnownSecrets(string[] args, CliEnvironment environment)
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in args) secrets.UnionWith(SecretRedactor.PasswordsIn(arg));
        secrets.UnionWith(SecretRedactor.PasswordsIn(environment.GetVariable(Commands.DatabaseOption.EnvironmentVariable)));
        if (environment.GetVariable("PGPASSWORD") is { Length: > 0 } pgPassword) secrets.Add(pgPassword);
        return secrets;
    }

    private static void TryFlush(TextWriter writer)
    {
        try
        {
            writer.Flush();
        }
        catch (OutputWriteException)
        {
            // Already reported, or nowhere left to report it.
        }
    }

    private static void TryWriteLine(TextWriter writer, string line)
    {
        try
        {
            writer.WriteLine(line);
            writer.Flush();
        }
        catch (OutputWriteException)
        {
            // Standard error is gone too: the exit code is all that is left.
        }
    }

    internal static RootCommand BuildRootCommand(CliContext context, Option<bool> verbose)
    {
        var root = new RootCommand("Reviews database models (SQLAlchemy, SQL, ...) like a senior engineer would: "
            + "defects with file and line, why they matter and how to fix them.")
        {
            AuditCommand.Create(context),
            SchemaCommand.Create(context),
            RulesCommand.Create(context),
            ExplainCommand.Create(context),
            DocsCommand.Create(context),
            DiffCommand.Create(context),
        };
        root.Add(verbose);
        return root;
    }

    private static void ReportUsageErrors(ParseResult parseResult, TextWriter stderr)
    {
        var command = parseResult.CommandResult.Command;
        var known = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)
            .Concat(command.Options.Where(o => !o.Hidden).Select(o => o.Name))
            .ToList();
        foreach (var error in parseResult.Errors)
            stderr.WriteLine($"error: {error.Message}");
        foreach (var token in parseResult.UnmatchedTokens)
        {
            var suggestion = NameSuggestions.DidYouMean(token, known);
            if (suggestion.Length > 0) stderr.WriteLine($"`{token}`:{suggestion}");
        }
        var help = command is RootCommand ? "schema-audit --help" : $"schema-audit {command.Name} --help";
        stderr.WriteLine($"Run `{help}` for usage.");
    }
}
