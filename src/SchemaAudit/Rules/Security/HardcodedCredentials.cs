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
            + "loopback URLs in test files. Severity: critical for a real-looking password in application code or configuration; "
            + "a suggestion in files that set up a throwaway database (tests, CI pipelines such as `.github/workflows` and "
            + "`.gitlab-ci.yml`, docker-compose files, fixtures, examples, dev settings, setup scripts) and for obvious local values "
            + "(a loopback host, the user name as password, stock defaults such as `postgres`, `password`, `changeme`). Passwords passed as separate arguments (`URL.create(password=\"…\")`) are not seen.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var literal in context.Schema.ConnectionStrings)
        {
            if (ConnectionStringPassword.Find(literal.Value) is not { } located) continue;
            var password = located.Password(literal.Value);
            if (ConnectionStringPassword.IsPlaceholder(password)) continue;
            if (ConnectionStringPassword.IsLoopback(located.Host) && IsTestFile(literal.Span.Path)) continue;
            var severity = IsLocalSetup(literal.Span.Path) || IsObviousLocalValue(literal.Value, located, password) ? Severity.Suggestion : Metadata.Severity;

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
            yield return finding with { SnippetLanguage = fence, Severity = severity };
        }
    }

    // Passwords nobody would use for a database that matters: the defaults of local containers and tutorials.
    private static readonly HashSet<string> s_localPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "postgres", "password", "secret", "changeme", "change_me", "example", "test", "testing", "dev", "development", "admin",
        "root", "mysql", "pass", "local", "docker", "123456", "pg", "sa",
    };

    /// <summary>
    /// Files that set up a throwaway database rather than reach a real one: tests, CI pipelines, compose files, fixtures,
    /// examples, dev settings and setup scripts.
    /// </summary>
    internal static bool IsLocalSetup(string path)
    {
        if (IsTestFile(path)) return true;
        var segments = path.Replace('\\', '/').Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (segments[i].ToLowerInvariant() is ".github" or ".gitlab" or ".ci" or ".circleci" or ".buildkite" or "ci" or "fixtures"
                or "fixture" or "examples" or "example" or "samples" or "sample" or "e2e" or "cypress" or "playwright" or "devcontainer"
                or ".devcontainer" or "dev" or "local")
                return true;
        }
        var name = segments[^1].ToLowerInvariant();
        return name.StartsWith("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose.", StringComparison.Ordinal)
            || name.StartsWith(".gitlab-ci", StringComparison.Ordinal) || name is "azure-pipelines.yml" or "jenkinsfile" or "setup.ts" or "setup.js"
            || name.Contains(".dev.", StringComparison.Ordinal) || name.Contains(".local.", StringComparison.Ordinal)
            || name.Contains("settings_dev", StringComparison.Ordinal) || name.Contains("settings.dev", StringComparison.Ordinal);
    }

    /// <summary>A loopback host, or a password that is the user name or a stock default (<c>postgres:postgres@</c>).</summary>
    private static bool IsObviousLocalValue(string value, ConnectionStringPassword.Located located, string password)
    {
        if (ConnectionStringPassword.IsLoopback(located.Host) || s_localPasswords.Contains(password)) return true;
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return false;
        var user = value[(scheme + 3)..(located.Start - 1)];
        return user.Equals(password, StringComparison.OrdinalIgnoreCase);
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
