using System.Text.Json;
using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;
using SchemaAudit.Reporting;

namespace SchemaAudit.Tests.Discovery;

public sealed class ProjectDialectTests
{
    private static SourceFile File(string path, string text) => new("/virtual/" + path, path, text);

    private static (ProjectDialect.Decision Decision, Schema View) Decide(params SourceFile[] files)
    {
        var view = new Schema();
        return (ProjectDialect.Apply(files, [view]), view);
    }

    [Fact]
    public void The_drizzle_config_names_the_database_and_says_so()
    {
        var (decision, view) = Decide(
            File("drizzle.config.ts", "export default defineConfig({ schema: './src/schema.ts', dialect: 'mysql' });"),
            File("src/db.ts", "import { Pool } from 'pg'; const url = 'postgres://localhost/x';"));
        Assert.Equal("mysql", decision.Dialect);
        Assert.Equal("mysql", view.Dialect);
        Assert.StartsWith("drizzle-kit `dialect: \"mysql\"` (drizzle.config.ts)", view.DialectEvidence, StringComparison.Ordinal);
        var note = Assert.Single(view.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Info, "src/db.ts"), (note.Severity, note.Span.Path));
        Assert.Contains("audited as mysql", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_images_urls_and_driver_packages_count_once_per_kind()
    {
        var (decision, view) = Decide(
            File("docker-compose.yml", "services:\n  db:\n    image: postgres:16-alpine\n  cache:\n    image: redis:7\n"),
            File("app/settings.py", "DATABASE_URL = 'postgresql+asyncpg://app@db/app'\nfrom sqlalchemy.dialects.postgresql import JSONB\n"),
            File("app/models/a.py", "from sqlalchemy.dialects.postgresql import UUID"),
            File("app/models/b.py", "from sqlalchemy.dialects.postgresql import UUID"),
            File("pyproject.toml", "[project]\ndependencies = [\"asyncpg>=0.29\"]\n"),
            File("tests/conftest.py", "URL = 'sqlite:///:memory:'"),
            File(".github/workflows/ci.yml", "env:\n  DATABASE_URL: mysql://root@localhost/test\n"));
        Assert.Equal("postgresql", decision.Dialect);
        Assert.Empty(decision.Against); // tests and CI do not count
        Assert.Equal(4, decision.For.Count);
        Assert.Empty(view.Diagnostics);
    }

    [Fact]
    public void A_view_that_knows_its_dialect_keeps_it()
    {
        var view = new Schema { Dialect = "sqlite" };
        view.Tables.Add(new Table { Name = "t" });
        var other = new Schema { SourceKind = SchemaSourceKind.Migrations };
        var decision = ProjectDialect.Apply([File("compose.yaml", "services:\n  db:\n    image: docker.io/library/postgres:15\n")], [view, other]);
        Assert.Equal("postgresql", decision.Dialect);
        Assert.Equal(("sqlite", "postgresql"), (view.Dialect, other.Dialect));
    }

    [Fact]
    public void No_evidence_leaves_the_dialect_unknown()
    {
        var (decision, view) = Decide(File("app/models.py", "class User(Base): pass"), File("mypostgres.py", "x = 'notpostgres://'"));
        Assert.Null(decision.Dialect);
        Assert.Null(view.Dialect);
    }

    [Fact]
    public void Malformed_configuration_files_are_read_without_throwing()
    {
        var (decision, _) = Decide(
            File("package.json", "{ \"dependencies\": { \"pg\": "),
            File("drizzle.config.ts", "export default { dialect: "),
            File("alembic.ini", "[alembic\nsqlalchemy.url = \u0000"),
            File("docker-compose.yml", "services: [[[\n image:\n"));
        Assert.Equal("postgresql", decision.Dialect); // the driver package is still evidence
    }

    [Fact]
    public void Reports_say_which_database_and_from_what()
    {
        using var dir = new TempDirectory();
        dir.Write("drizzle.config.ts", "export default { schema: './schema.ts', dialect: 'postgresql' };");
        dir.Write("schema.ts", "import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: serial('id').primaryKey() });\n");
        var result = AuditRunner.Run([dir.Path], new AuditConfig());
        var json = JsonDocument.Parse(Render(new JsonReporter(), result)).RootElement;
        Assert.Equal("postgresql", json.GetProperty("dialect").GetString());
        Assert.Contains("drizzle.config.ts", json.GetProperty("dialectEvidence").GetString(), StringComparison.Ordinal);
        Assert.Contains("_Database: PostgreSQL (from drizzle-kit", Render(new MarkdownReporter(), result), StringComparison.Ordinal);
    }

    private static string Render(IReporter reporter, AuditResult result)
    {
        using var writer = new StringWriter();
        reporter.Write(result, writer);
        return writer.ToString();
    }
}
