using BenchmarkDotNet.Running;

namespace SchemaAudit.Bench;

/// <summary>
/// <c>generate DIR N</c> writes a synthetic project of N tables (used by <c>bench/run.sh</c>);
/// <c>generate-ddl FILE N</c> a PostgreSQL DDL file of N tables (used by <c>bench/run-db.sh</c>);
/// anything else runs the BenchmarkDotNet suite (pass <c>--filter *</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "generate")
        {
            ProjectGenerator.Generate(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }
        if (args.Length == 3 && args[0] == "generate-ddl")
        {
            DatabaseGenerator.Generate(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
