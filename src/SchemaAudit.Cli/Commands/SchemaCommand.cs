using System.CommandLine;
using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;

namespace SchemaAudit.Cli.Commands;

/// <summary><c>schema-audit schema PATH...</c>: the unified model as the tool understood it.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var paths = CommonOptions.Paths("Files or directories to read (default: the current directory).");
        var format = new Option<string>("--format", "-f")
        {
            Description = "json (the model, with source locations) or mermaid (an entity-relationship diagram).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "mermaid");
        var output = CommonOptions.Output("Write to this file instead of standard output.");
        var config = CommonOptions.Config();

        var db = DatabaseOption.Create();
        var command = new Command("schema", "Print the unified schema model read from the sources (JSON or Mermaid).")
        {
            paths, format, output, config, db,
        };
        command.SetAction(parse =>
        {
            var targets = AuditTargets.Resolve(parse.GetValue(paths), context);
            var auditConfig = CommonOptions.LoadConfig(context, targets, parse.GetValue(config));
            // With --db, the model printed is the database's.
            var schema = DatabaseOption.Value(parse, db, context) is { } database
                ? DatabaseOption.Read(database, context, parse)
                : AuditRunner.BuildSchema(targets.FullPaths, targets.Root, auditConfig);
            var mermaid = parse.GetValue(format) == "mermaid";
            OutputTarget.Write(parse.GetValue(output), context, writer =>
            {
                if (mermaid) MermaidWriter.Write(schema, writer);
                else SchemaJsonWriter.Write(schema, writer);
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
