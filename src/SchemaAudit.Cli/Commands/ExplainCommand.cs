using System.CommandLine;
using SchemaAudit.Configuration;
using SchemaAudit.Rules;

namespace SchemaAudit.Cli.Commands;

/// <summary><c>schema-audit explain RULE-ID</c>: the rule's documentation, as in <c>docs/rules/&lt;id&gt;.md</c>.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("rule-id") { Description = "The rule to explain (see `schema-audit rules`)." };
        var command = new Command("explain", "Explain a rule: why it matters, how to fix it, examples, known problems.") { id };
        command.SetAction(parse =>
        {
            var ruleId = parse.GetValue(id)?.Trim() ?? "";
            var metadata = RuleRegistry.FindMetadata(ruleId)
                ?? RuleRegistry.FindMetadata(ruleId.ToLowerInvariant());
            if (metadata is null)
            {
                var ids = RuleRegistry.AllMetadata.Select(m => m.Id).ToList();
                var closest = NameSuggestions.Closest(ruleId, ids);
                if (closest.Count == 0) closest = [.. ids.OrderBy(i => NameSuggestions.EditDistance(ruleId, i)).ThenBy(i => i, StringComparer.Ordinal).Take(3)];
                context.Error.WriteLine($"error: unknown rule id `{ruleId}`. Closest: {string.Join(", ", closest.Select(c => $"`{c}`"))}.");
                context.Error.WriteLine("Run `schema-audit rules` to list every rule.");
                return ExitCodes.UsageOrInputError;
            }
            context.Out.Write(RuleDocumentation.Render(metadata));
            return ExitCodes.Success;
        });
        return command;
    }
}
