using System.CommandLine;

namespace SchemaAudit.Cli.Commands;

/// <summary>What <c>--baseline</c>, <c>--write-baseline</c>, <c>--quiet</c> and <c>--verbose</c> asked for.</summary>
internal sealed record AuditReportSettings(string? Baseline, string? WriteBaseline, bool Quiet, bool Verbose);

/// <summary>The audit options about what is reported and how much is said: baselines and verbosity.</summary>
internal sealed class AuditReportOptions
{
    private readonly Option<string?> _baseline = new("--baseline")
    {
        Description = "Report only findings that are not in this baseline file (written by --write-baseline), and say how many of its entries are fixed.",
    };

    private readonly Option<string?> _writeBaseline = new("--write-baseline")
    {
        Description = "Record the current active findings in this baseline file (JSON, by fingerprint).",
    };

    private readonly Option<bool> _quiet = new("--quiet", "-q")
    {
        Description = "Print only errors and, when the exit code is not 0, why.",
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
        var settings = new AuditReportSettings(parse.GetValue(_baseline), parse.GetValue(_writeBaseline), parse.GetValue(_quiet), IsVerbose(parse));
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
