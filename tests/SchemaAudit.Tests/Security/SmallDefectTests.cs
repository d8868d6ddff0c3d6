using SchemaAudit.Model;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.Security;

/// <summary>Small defects found while testing as a user and as an attacker.</summary>
public sealed class SmallDefectTests
{
    [Fact]
    public void A_pathological_file_gives_at_most_ten_errors_and_a_count_of_the_rest()
    {
        var diagnostics = Enumerable.Range(1, 25).Select(line => new Diagnostic(SourceSpan.At("junk.py", line, 1), "expected an expression"))
            .Append(new Diagnostic(SourceSpan.At("other.py", 1, 1), "expected ':'"))
            .ToList();

        DiagnosticLimit.Apply(diagnostics);

        Assert.Equal(10, diagnostics.Count(d => d.Span.Path == "junk.py" && d.Message == "expected an expression"));
        Assert.Contains(diagnostics, d => d.Span.Path == "junk.py" && d.Message.StartsWith("... and 15 more errors in this file", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Span.Path == "other.py");
    }

    [Fact]
    public void The_markdown_summary_says_how_many_more_critical_rules_there_are()
    {
        const string sql = """
            CREATE TABLE logs (message text);
            CREATE TABLE accounts (id int PRIMARY KEY, password text, api_token text);
            CREATE TABLE posts (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id) ON DELETE SET NULL, tag_id int REFERENCES tags (id));
            """;
        const string settings = "DATABASE_URL = \"postgresql://app:Real-Pw-123@db.example.com/app\"\n";
        var schema = AuditRunner.BuildSchema([
            new global::SchemaAudit.Discovery.SourceFile("/x/schema.sql", "schema.sql", sql),
            new global::SchemaAudit.Discovery.SourceFile("/x/settings.py", "settings.py", settings)]);
        // Every rule at its own severity (--all): the sample needs criticals from rules of every precision level.
        var result = AuditRunner.Audit(schema, ".", new global::SchemaAudit.Configuration.AuditConfig { AllAtOwnSeverity = true });
        var criticalRules = result.ActiveFindings.Where(f => f.Severity == global::SchemaAudit.Analysis.Severity.Critical).Select(f => f.RuleId).Distinct().Count();
        Assert.True(criticalRules > 3, $"the sample needs more than three critical rules, has {criticalRules}");

        var markdown = new StringWriter();
        new global::SchemaAudit.Reporting.MarkdownReporter().Write(result, markdown);

        Assert.Contains($"and {criticalRules - 3} more rule", markdown.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("python", "def f(:\n")]
    [InlineData("typescript", "export const x = pgTable(\"t\", { a: (((( });\n")]
    [InlineData("sql", "CREATE TABLE ( ( ( ;\n")]
    public void Every_front_end_caps_the_errors_of_one_file(string language, string brokenLine)
    {
        var (path, preamble) = language switch
        {
            "python" => ("models.py", "from sqlalchemy.orm import DeclarativeBase\n"),
            "typescript" => ("schema.ts", "import { pgTable } from \"drizzle-orm/pg-core\";\n"),
            _ => ("schema.sql", ""),
        };
        var text = preamble + string.Concat(Enumerable.Repeat(brokenLine, 200));
        var schema = AuditRunner.BuildSchema([new global::SchemaAudit.Discovery.SourceFile("/x/" + path, path, text)]);

        Assert.True(schema.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) <= DiagnosticLimit.PerFile + 1,
            string.Join("\n", schema.Diagnostics.Take(30)));
    }
}
