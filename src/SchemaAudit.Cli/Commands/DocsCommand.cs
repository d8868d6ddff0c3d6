using System.CommandLine;
using SchemaAudit.Rules;

namespace SchemaAudit.Cli.Commands;

/// <summary>
/// <c>schema-audit docs --output docs/rules</c> (hidden, for maintainers): regenerates the rule
/// pages and their index from the rules' metadata, removing pages of rules that no longer exist.
/// </summary>
internal static class DocsCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Directory to write the rule pages to.",
            DefaultValueFactory = _ => Path.Combine("docs", "rules"),
        };
        var command = new Command("docs", "Regenerate docs/rules from the rule metadata.") { output };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var directory = context.FullPath(parse.GetValue(output) ?? Path.Combine("docs", "rules"));
            var (written, removed) = RuleDocumentation.WriteTo(directory, RuleRegistry.AllMetadata.ToList());
            context.Out.WriteLine($"{context.Display(directory)}: {written} pages written, {removed} stale pages removed.");
            return ExitCodes.Success;
        });
        return command;
    }
}
