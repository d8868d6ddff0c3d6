using System.CommandLine;
using SchemaAudit.Analysis;
using SchemaAudit.Rules;

namespace SchemaAudit.Cli.Commands;

/// <summary><c>schema-audit rules</c>: every rule with its id, default severity, category and title.</summary>
internal static class RulesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("rules", "List every rule: id, default severity, measured precision, category and title.");
        command.SetAction(_ =>
        {
            Write(context.Out, RuleRegistry.AllMetadata.ToList());
            return ExitCodes.Success;
        });
        return command;
    }

    internal static void Write(TextWriter output, IReadOnlyList<RuleMetadata> rules)
    {
        string[] header = ["ID", "SEVERITY", "PRECISION", "CATEGORY", "TITLE"];
        var rows = rules.Select(r => new[] { r.Id, r.Severity.Id(), PrecisionCell(r.Precision), r.Category.Id(), r.Title }).ToList();
        var widths = new int[4];
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < widths.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        }
        foreach (var row in rows.Prepend(header))
        {
            output.WriteLine($"{row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadRight(widths[2])}  {row[3].PadRight(widths[3])}  {row[4]}");
        }
        output.WriteLine();
        output.WriteLine($"{rows.Count} rules. Rules of medium or low precision report at most a suggestion unless `audit --all` is given; "
            + "* marks a provisional level, not yet measured on real projects.");
        output.WriteLine("`schema-audit explain <id>` shows why a rule matters, how to fix what it finds and how its precision was measured.");
    }

    private static string PrecisionCell(RulePrecision precision) => precision.IsMeasured ? precision.LevelId : precision.LevelId + "*";
}
