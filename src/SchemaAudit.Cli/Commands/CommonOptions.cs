using System.CommandLine;
using System.CommandLine.Parsing;
using SchemaAudit.Configuration;

namespace SchemaAudit.Cli.Commands;

/// <summary>Arguments and options shared by the commands that read a project.</summary>
internal static class CommonOptions
{
    public static Argument<string[]> Paths(string description)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = description,
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => ["."],
        };
        // The parser takes an unknown "--option" for a path; say what it really is.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length < 2 || token.Value[0] != '-') continue;
                var options = result.Parent is CommandResult command
                    ? command.Command.Options.Where(o => !o.Hidden).Select(o => o.Name)
                    : [];
                result.AddError($"Unrecognized option '{token.Value}'{NameSuggestions.DidYouMean(token.Value, options)}.");
            }
        });
        return paths;
    }

    public static Option<string?> Output(string description) => new("--output", "-o") { Description = description };

    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = "Use this configuration file instead of the nearest .schema-audit.yml above the audited path.",
    };

    /// <summary>The configuration for the first audited path (or the one named by <c>--config</c>).</summary>
    public static AuditConfig LoadConfig(CliContext context, AuditTargets targets, string? configPath) =>
        ConfigLoader.Load(targets.FullPaths[0], configPath is null ? null : context.FullPath(configPath), context.Display);
}
