using System.Globalization;
using BenchmarkDotNet.Running;

namespace SchemaAudit.Bench;

/// <summary>
/// Generators for the whole-process benchmarks, then the BenchmarkDotNet suite:
/// <c>generate DIR N</c> (SQLAlchemy project, used by <c>bench/run.sh</c>),
/// <c>generate-drizzle DIR N</c> (Drizzle project, <c>KIND=drizzle bench/run.sh</c>),
/// <c>generate-ddl FILE N</c> (PostgreSQL DDL, <c>bench/run-db.sh</c>);
/// <c>profile DIR</c> (time per front-end and rule);
/// anything else runs BenchmarkDotNet (pass <c>--filter *</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Action<string, int>? generator = args is [var verb, _, _] ? verb switch
        {
            "generate" => (path, n) => ProjectGenerator.Generate(path, n),
            "generate-drizzle" => (path, n) => DrizzleProjectGenerator.Generate(path, n),
            "generate-ddl" => DatabaseGenerator.Generate,
            _ => null,
        } : null;
        if (args is ["profile", var directory])
        {
            PhaseProfiler.Run(directory);
            return 0;
        }
        if (generator is not null)
        {
            generator(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
