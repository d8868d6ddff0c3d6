using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Text;
using SchemaAudit.Model;
using SchemaAudit.Rules.Security;
using static SchemaAudit.Tests.Rules.ModelBuilder;

namespace SchemaAudit.Tests.Rules.SourceLanguageAdvice;

/// <summary>A password in a connection string is moved to the environment the way the file's language reads it.</summary>
public sealed class CredentialAdviceTests
{
    private static SchemaAudit.Analysis.Finding Audit(string path, string text)
    {
        var schema = new Schema();
        var file = new SourceFile("/project/" + path, path, text);
        var scanner = new ConnectionStringScanner();
        if (scanner.Accepts(file)) scanner.Extract([file], schema);
        return Assert.Single(Run(new HardcodedCredentials(), schema));
    }

    [Fact]
    public void Python_reads_os_environ()
    {
        var f = Audit("app/config.py", "DATABASE_URL = \"postgresql://app:s3cret@db:5432/app\"\n");

        Assert.Equal("os.environ[\"DATABASE_URL\"]", f.After);
        Assert.Equal("python", f.SnippetLanguage);
    }

    [Fact]
    public void TypeScript_reads_process_env()
    {
        var f = Audit("src/db/client.ts", "export const url = \"postgresql://app:s3cret@db:5432/app\";\n");

        Assert.DoesNotContain("os.environ", f.Recommendation, StringComparison.Ordinal);
        Assert.DoesNotContain("pydantic", f.Recommendation, StringComparison.Ordinal);
        Assert.Contains("`process.env.DATABASE_URL`", f.Recommendation, StringComparison.Ordinal);
        Assert.Equal("process.env.DATABASE_URL", f.After);
        Assert.Equal("typescript", f.SnippetLanguage);
    }
}
