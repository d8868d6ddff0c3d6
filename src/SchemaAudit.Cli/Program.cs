namespace SchemaAudit.Cli;

/// <summary>Wires the real console and process into <see cref="CliApp"/>; everything else is testable in-process.</summary>
internal static class Program
{
    private static int Main(string[] args) =>
        CliApp.Run(args, Console.Out, Console.Error, Environment.CurrentDirectory, CliEnvironment.FromProcess());
}
