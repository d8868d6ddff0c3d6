using System.CommandLine;
using System.Globalization;
using SchemaAudit.Frontends.Live;
using SchemaAudit.Model;

namespace SchemaAudit.Cli.Commands;

/// <summary>
/// <c>--db "&lt;connection string or URL&gt;"</c> (or <c>SCHEMA_AUDIT_DB</c>): a live database to read,
/// read-only. Whatever is printed about it uses <see cref="DatabaseTarget.DisplayName"/>, never the password.
/// </summary>
internal static class DatabaseOption
{
    public const string EnvironmentVariable = "SCHEMA_AUDIT_DB";

    public static Option<string?> Create() => new("--db")
    {
        Description = "Also read this live database, read-only: postgresql://user@host:5432/db, a key-value string "
            + $"(Host=...;Database=...), sqlite:///path.db or a .db/.sqlite file. Default: ${EnvironmentVariable}. "
            + "With --db and no path, only the database is audited.",
    };

    /// <summary>The database given by the option, else by the environment; null when neither.</summary>
    public static string? Value(ParseResult parse, Option<string?> option, CliContext context)
    {
        var value = parse.GetValue(option);
        if (string.IsNullOrWhiteSpace(value)) value = context.Environment.GetVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Reads the database; on --verbose, says how long it took and how many catalog queries it needed.</summary>
    /// <exception cref="LiveDatabaseException">Cannot connect or read (exit code 2; the message has no password).</exception>
    public static Schema Read(string text, CliContext context, ParseResult parse) => Finish(Start(text, context), context, parse);

    /// <summary>
    /// Starts reading the database on a pool thread, so connecting and the catalog queries (waiting on
    /// the server) overlap with discovering and parsing the files; <see cref="Finish"/> waits for it.
    /// An unparsable connection string fails here, at once.
    /// </summary>
    public static Task<(DatabaseTarget Target, LiveReadResult Result)> Start(string text, CliContext context)
    {
        var target = DatabaseTarget.Parse(text, context.CurrentDirectory);
        return Task.Run(() => (target, LiveIntrospection.Read(target, context.Cancellation)));
    }

    /// <summary>Waits for <see cref="Start"/>'s read (its errors surface here); on --verbose, says what it took.</summary>
    public static Schema Finish(Task<(DatabaseTarget Target, LiveReadResult Result)> reading, CliContext context, ParseResult parse)
    {
        var (target, result) = reading.GetAwaiter().GetResult();
        if (IsVerbose(parse))
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"read {result.Schema.Tables.Count} tables from {target.DisplayName} with {result.QueryCount} catalog queries in {result.Elapsed.TotalMilliseconds:F0} ms"));
        return result.Schema;
    }

    private static bool IsVerbose(ParseResult parse)
    {
        try
        {
            return parse.GetValue<bool>("--verbose");
        }
        catch (InvalidOperationException)
        {
            return false; // the root command defines no --verbose (a test harness built its own)
        }
    }
}
