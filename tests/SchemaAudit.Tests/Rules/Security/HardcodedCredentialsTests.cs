using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Text;
using SchemaAudit.Model;
using SchemaAudit.Rules.Security;
using static SchemaAudit.Tests.Rules.ModelBuilder;

namespace SchemaAudit.Tests.Rules.Security;

public sealed class HardcodedCredentialsTests
{
    private static List<SchemaAudit.Analysis.Finding> Audit(string path, string text)
    {
        var schema = new Schema();
        var file = new SourceFile("/project/" + path, path, text);
        var scanner = new ConnectionStringScanner();
        if (scanner.Accepts(file)) scanner.Extract([file], schema);
        return Run(new HardcodedCredentials(), schema);
    }

    [Fact]
    public void Reports_a_url_with_a_literal_password_masked_at_its_line()
    {
        var finding = Assert.Single(Audit("app/config.py", "import os\n\nDATABASE_URL = \"postgresql://app:s3cret@db:5432/app\"\n"));

        Assert.Equal(3, finding.Span.Line);
        Assert.Equal(17, finding.Span.Column);
        Assert.Contains("`postgresql://app:****@db:5432/app`", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", finding.Message + finding.Recommendation + finding.Before + finding.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Server=db;Database=app;User Id=sa;Password=Str0ng!Pass;")]
    [InlineData("host=db.internal port=5432 dbname=app user=app password=hunter2")]
    [InlineData("mysql+pymysql://root:changeme@mysql/app")]
    [InlineData("mongodb+srv://svc:pa55word@cluster0.example.net/app")]
    public void Reports_key_value_strings_and_other_schemes(string connection)
    {
        var finding = Assert.Single(Audit("app/settings.py", $"URL = \"{connection}\"\n"));
        Assert.Contains("****", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("URL = f\"postgresql://{user}:{password}@{host}/app\"")]
    [InlineData("URL = \"postgresql://${DB_USER}:${DB_PASSWORD}@db/app\"")]
    [InlineData("URL = \"postgresql://app:$DB_PASSWORD@db/app\"")]
    [InlineData("URL = \"mysql://%(user)s:%(password)s@%(host)s/app\"")]
    [InlineData("URL = \"postgresql://<user>:<password>@<host>/app\"")]
    [InlineData("URL = \"postgresql://user:password@localhost/dbname\"")]
    [InlineData("URL = \"postgresql://app:****@db/app\"")]
    [InlineData("URL = \"postgresql://USER:PASSWORD@HOST/DB\"")]
    [InlineData("URL = f\"postgresql://app:{os.environ['PW']}@db/app\"")]
    [InlineData("# e.g. postgresql://app:s3cret@db/app")]
    [InlineData("engine = create_engine(URL.create(\"postgresql\", host=host, password=pwd))")]
    [InlineData("URL = \"postgresql://db.internal:5432/app\"")]
    public void Templates_placeholders_comments_and_code_are_silent(string line) =>
        Assert.Empty(Audit("app/settings.py", line + "\n"));

    [Fact]
    public void Loopback_urls_in_tests_and_documentation_files_are_silent()
    {
        Assert.Empty(Audit("tests/conftest.py", "URL = \"postgresql://test:test@localhost:5432/test\"\n"));
        Assert.Empty(Audit("docs/conf.py", "URL = \"postgresql://app:s3cret@db/app\"\n"));
        Assert.Empty(Audit(".env.example", "DATABASE_URL=postgresql://app:s3cret@db/app\n"));
        Assert.Single(Audit("tests/conftest.py", "URL = \"postgresql://ci:s3cret@ci-db.internal:5432/test\"\n"));
        Assert.Single(Audit(".env", "DATABASE_URL=postgresql://app:s3cret@db/app\n"));
    }

    [Theory]
    [InlineData("app/config.py", "postgresql://app:Zq8rT2mw@db.internal:5432/app", "Critical")]
    [InlineData(".github/workflows/ci.yml", "postgresql://app:Zq8rT2mw@db:5432/app", "Suggestion")]
    [InlineData(".ci/compose.ci.yaml", "postgresql://app:Zq8rT2mw@postgres/app", "Suggestion")]
    [InlineData("docker-compose.yml", "postgresql://app:Zq8rT2mw@db:5432/app", "Suggestion")]
    [InlineData(".gitlab-ci.yml", "postgresql://app:Zq8rT2mw@db:5432/app", "Suggestion")]
    [InlineData("tests/unit/test_settings.py", "postgresql://app:Zq8rT2mw@postgres:5432/app", "Suggestion")]
    [InlineData("app/config.py", "postgresql://postgres:postgres@db:5432/app", "Suggestion")]
    [InlineData("app/config.py", "postgresql://shop:shop@db:5432/shop", "Suggestion")]
    [InlineData("lib/db/bootstrap.ts", "postgres://app:Zq8rT2mw@localhost:54322/app", "Suggestion")]
    public void Throwaway_databases_are_suggestions_at_most(string path, string url, string severity)
    {
        var finding = Assert.Single(Audit(path, $"URL = \"{url}\"\n"));
        Assert.Equal(severity, finding.Severity.ToString());
    }
}
