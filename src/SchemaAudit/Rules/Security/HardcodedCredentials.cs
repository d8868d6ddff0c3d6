using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Security;

/// <summary>A database URL or connection string with a literal password in the repository.</summary>
public sealed class HardcodedCredentials : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "hardcoded-credentials",
        Title = "Hard-coded database credentials",
        Severity = Severity.Critical,
        Category = RuleCategory.Security,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "A password written into source or committed configuration is readable by everyone with access to the repository, "
            + "its forks, CI logs and every past commit; it cannot be rotated without a deploy, and the same value tends to be "
            + "reused across environments.",
        Fix = "Read the connection string (or at least its password) from the environment or a secret manager "
            + "(`os.environ[\"DATABASE_URL\"]`, pydantic `BaseSettings`, Vault, AWS Secrets Manager), then rotate the password: "
            + "it stays in the repository history.",
        BadExample = """
            from sqlalchemy import create_engine

            engine = create_engine("postgresql+psycopg://app:s3cret@db.internal:5432/app")
            """,
        GoodExample = """
            import os

            from sqlalchemy import create_engine

            engine = create_engine(os.environ["DATABASE_URL"])
            fallback = "postgresql+psycopg://${DB_USER}:${DB_PASSWORD}@db.internal:5432/app"
            """,
        KnownProblems = "Connection strings are found textually (URLs `scheme://user:password@host` for common databases and brokers, "
            + "and `Server=…;Password=…` / `host=… password=…` key-value strings). Templating (`${VAR}`, `{password}`, `%(pw)s`, `<password>`), "
            + "stand-ins (`user:password`, `***`), comment lines, documentation and `*.example` files are skipped, and so are "
            + "loopback URLs in test files. Passwords passed as separate arguments (`URL.create(password=\"…\")`) are not seen.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var literal in context.Schema.ConnectionStrings)
        {
            if (ConnectionStringPassword.Find(literal.Value) is not { } located) continue;
            var password = located.Password(literal.Value);
            if (ConnectionStringPassword.IsPlaceholder(password)) continue;
            if (ConnectionStringPassword.IsLoopback(located.Host) && IsTestFile(literal.Span.Path)) continue;

            var masked = ConnectionStringPassword.Mask(literal.Value, located);
            var isUrl = literal.Value.Contains("://", StringComparison.Ordinal);
            // The literal sits in code, not in a schema: its file's language says how to read the environment.
            var (example, fence) = Path.GetExtension(literal.Span.Path).ToLowerInvariant() switch
            {
                ".py" => ("`os.environ[\"DATABASE_URL\"]`, pydantic `BaseSettings`", "python"),
                ".ts" or ".mts" or ".cts" or ".tsx" => ("`process.env.DATABASE_URL`", "typescript"),
                ".js" or ".mjs" or ".cjs" => ("`process.env.DATABASE_URL`", "javascript"),
                _ => ("a `DATABASE_URL` variable", null),
            };
            var finding = Report(literal.Span,
                $"{(isUrl ? "Database URL" : "Connection string")} `{masked}` contains a literal password.",
                $"Read it from the environment or a secret manager (e.g. {example}), "
                + "and rotate the password: it stays in the repository history.",
                before: fence is null ? null : $"\"{masked}\"",
                after: fence is null ? null : fence == "python" ? "os.environ[\"DATABASE_URL\"]" : "process.env.DATABASE_URL");
            yield return finding with { SnippetLanguage = fence };
        }
    }

    /// <summary>Test code (<c>tests/</c>, <c>test_*.py</c>, <c>conftest.py</c>, <c>*.test.ts</c>): local throwaway databases are expected there.</summary>
    internal static bool IsTestFile(string path)
    {
        var segments = path.Replace('\\', '/').Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (segments[i] is "test" or "tests" or "testing" or "__tests__" or "spec" or "specs") return true;
        }
        var name = segments[^1];
        return name.StartsWith("test_", StringComparison.OrdinalIgnoreCase)
            || name.Equals("conftest.py", StringComparison.OrdinalIgnoreCase)
            || name.Contains("_test.", StringComparison.OrdinalIgnoreCase)
            || name.Contains(".test.", StringComparison.OrdinalIgnoreCase)
            || name.Contains(".spec.", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Tests.", StringComparison.Ordinal);
    }
}
