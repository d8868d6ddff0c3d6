using System.CommandLine;

namespace SchemaAudit.Cli.Commands;

/// <summary>What <c>--baseline</c>, <c>--write-baseline</c>, <c>--quiet</c> and <c>--verbose</c> asked for.</summary>
internal sealed record AuditReportSettings(string? Baseline, string? WriteBaseline, bool Quiet, bool Verbose)
{
    /// <summary>--format was given on the command line (not the default).</summary>
    public bool FormatGiven { get; init; }
}

/// <summary>The audit options about what is reported and how much is said: baselines and verbosity.</summary>
internal sealed class AuditReportOptions
{
    private readonly Option<string?> _baseline = new("--baseline")
    {
        Description = "Report only findings that are not in this baseline file (written by --write-baseline), and say how many of its entries are fixed.",
    };

    private readonly Option<string?> _writeBaseline = new("--write-baseline")
    {
        Description = "Record the current active findings in this baseline file (JSON, by fingerprint) and exit 0; "
            + "the report is printed only when --format or --output asks for it.",
    };

    private readonly Option<bool> _quiet = new("--quiet", "-q")
    {
        Description = "Print only errors and, when the exit code is not 0, why (on standard error). A report asked for by name "
            + "(--format other than console, or --output) is still written.",
    };

    public void AddTo(Command command)
    {
        command.Add(_baseline);
        command.Add(_writeBaseline);
        command.Add(_quiet);
    }

    /// <exception cref="Configuration.AuditInputException">--quiet and --verbose together.</exception>
    public AuditReportSettings Read(ParseResult parse)
    {
        var settings = new AuditReportSettings(parse.GetValue(_baseline), parse.GetValue(_writeBaseline), parse.GetValue(_quiet), IsVerbose(parse))
        {
            FormatGiven = parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
                .Any(o => o.Option.Name == "--format" && !o.Implicit),
        };
        if (settings.Quiet && settings.Verbose)
            throw new Configuration.AuditInputException("--quiet and --verbose cannot be used together");
        return settings;
    }

    private static bool IsVerbose(ParseResult parse)
    {
        try
        {
            return parse.GetValue<bool>("--verbose");
        }
        catch (InvalidOperationException)
        {
            return false; // a root without --verbose (tests that build a command alone)
        }
    }
}
