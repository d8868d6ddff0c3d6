using SchemaAudit.Cli;
using SchemaAudit.Frontends.Live;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Live;

internal static class LiveTestSupport
{
    public static string Fixture(string relative) => File.ReadAllText(Path.Combine(TestPaths.Fixtures, relative));

    public static LiveReadResult Read(string connection) => LiveIntrospection.Read(DatabaseTarget.Parse(connection, Directory.GetCurrentDirectory()));

    public static Schema ReadSchema(string connection) => Read(connection).Schema;

    /// <summary>Runs the CLI in-process; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) RunCli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, TestPaths.RepositoryRoot);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
