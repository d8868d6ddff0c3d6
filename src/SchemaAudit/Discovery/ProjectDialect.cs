using System.Text.RegularExpressions;
using SchemaAudit.Model;

namespace SchemaAudit.Discovery;

/// <summary>
/// Decides which database a project targets from what it says about it: the drizzle-kit and
/// Alembic configuration, connection URLs in settings and <c>.env.example</c>, database images in
/// docker-compose files, driver packages, dialect imports, and the dialect each view's front-end
/// read from its own types. Each kind of evidence counts once per dialect (a hundred files that
/// import <c>sqlalchemy.dialects.postgresql</c> are one fact), weighted by how directly it names
/// the database; tests, examples of other tools and documentation do not count. The winner is
/// given to every view that does not know its dialect; when a second dialect has strong evidence
/// too, one info diagnostic says which was chosen and why.
/// </summary>
public static partial class ProjectDialect
{
    /// <summary>One kind of evidence for one dialect: what it is, where it was first seen, how strong.</summary>
    public sealed record Evidence(string Dialect, string What, string Path, int Weight)
    {
        public string Describe() => Path.Length == 0 ? What : $"{What} ({Path})";
    }

    /// <summary>The decision: the dialect (null without evidence) and the evidence for it, strongest first.</summary>
    public sealed record Decision(string? Dialect, IReadOnlyList<Evidence> For, IReadOnlyList<Evidence> Against)
    {
        /// <summary>"drizzle.config.ts (dialect), docker-compose.yml (image postgres)" — for the reports.</summary>
        public string Describe() => string.Join("; ", For.Take(3).Select(e => e.Describe()));
    }

    private const int Direct = 5;   // a configuration that names the database the tool writes for
    private const int Strong = 3;   // a URL, an image, the view's own types
    private const int Weak = 2;     // a driver package or a dialect import

    /// <summary>Collects the evidence in <paramref name="files"/> and the views, and sets <see cref="Schema.Dialect"/> on views without one.</summary>
    public static Decision Apply(IReadOnlyList<SourceFile> files, IReadOnlyList<Schema> views)
    {
        var evidence = new List<Evidence>();
        foreach (var file in files) Collect(file, evidence);
        foreach (var view in views)
            if (view.Dialect is { } own && view.Tables.Count > 0)
                evidence.Add(new Evidence(own, $"the {ViewLabel(view.SourceKind)}' own types and imports", "", Strong));
        var decision = Decide(evidence);
        if (decision.Dialect is null) return decision;
        foreach (var view in views)
        {
            view.Dialect ??= decision.Dialect;
            view.DialectEvidence ??= view.Dialect == decision.Dialect ? decision.Describe() : "its own types and imports";
        }
        if (decision.Against.Count > 0 && decision.Against[0].Weight >= Strong && views.Count > 0)
        {
            var other = decision.Against[0];
            views[0].Diagnostics.Add(new Diagnostic(SourceSpan.At(other.Path, 1, 1),
                $"the project names two databases: {decision.Dialect} ({decision.For[0].Describe()}) and {other.Dialect} ({other.Describe()}); "
                + $"audited as {decision.Dialect}, the stronger evidence", DiagnosticSeverity.Info));
        }
        return decision;
    }

    private static string ViewLabel(SchemaSourceKind kind) => kind switch
    {
        SchemaSourceKind.OrmModels => "models",
        SchemaSourceKind.Migrations => "migrations",
        SchemaSourceKind.LiveDatabase => "live database",
        _ => "SQL files",
    };

    /// <summary>Sums each dialect's evidence, one count per kind of evidence; ties go to PostgreSQL, then SQLite, then MySQL.</summary>
    internal static Decision Decide(List<Evidence> evidence)
    {
        var perKind = evidence
            .GroupBy(e => (e.Dialect, e.What))
            .Select(g => g.OrderBy(e => e.Path, StringComparer.Ordinal).First())
            .ToList();
        var ranked = perKind.GroupBy(e => e.Dialect)
            .Select(g => (Dialect: g.Key, Score: g.Sum(e => e.Weight), Items: g.OrderByDescending(e => e.Weight).ThenBy(e => e.What, StringComparer.Ordinal).ToList()))
            .OrderByDescending(r => r.Score).ThenBy(r => Rank(r.Dialect))
            .ToList();
        if (ranked.Count == 0) return new Decision(null, [], []);
        return new Decision(ranked[0].Dialect, ranked[0].Items, ranked.Skip(1).SelectMany(r => r.Items).OrderByDescending(e => e.Weight).ToList());
    }

    private static int Rank(string dialect) => dialect switch { "postgresql" => 0, "sqlite" => 1, "mysql" => 2, _ => 3 };

    // ----- evidence in files -----

    private static void Collect(SourceFile file, List<Evidence> evidence)
    {
        var path = file.RelativePath;
        if (IsTestOrDocumentation(path)) return;
        var name = Path.GetFileName(path).ToLowerInvariant();
        var text = file.Text;

        if (name.StartsWith("drizzle.config.", StringComparison.Ordinal))
        {
            if (Match(DrizzleConfigDialect(), text) is { } d && OfName(d) is { } dialect)
                evidence.Add(new Evidence(dialect, $"drizzle-kit `dialect: \"{d}\"`", path, Direct));
            return;
        }
        if (name == "alembic.ini")
        {
            if (Match(AlembicUrl(), text) is { } scheme && OfName(scheme) is { } dialect)
                evidence.Add(new Evidence(dialect, "alembic.ini `sqlalchemy.url`", path, Direct));
            return;
        }
        if (name.Contains("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose.", StringComparison.Ordinal))
        {
            foreach (Match m in SafeMatches(ComposeImage(), text))
                if (OfName(m.Groups["image"].Value) is { } dialect)
                    evidence.Add(new Evidence(dialect, $"docker-compose image `{m.Groups["image"].Value}`", path, Strong));
            return;
        }
        if (name == "package.json")
        {
            foreach (Match m in SafeMatches(NodeDriver(), text))
                if (OfDriver(m.Groups["package"].Value) is { } dialect)
                    evidence.Add(new Evidence(dialect, $"driver package `{m.Groups["package"].Value}`", path, Weak));
            return;
        }
        if (name is "pyproject.toml" or "setup.cfg" or "pipfile" || name.StartsWith("requirements", StringComparison.Ordinal))
        {
            foreach (Match m in SafeMatches(PythonDriver(), text))
                if (OfDriver(m.Groups["package"].Value.ToLowerInvariant()) is { } dialect)
                    evidence.Add(new Evidence(dialect, $"driver package `{m.Groups["package"].Value.ToLowerInvariant()}`", path, Weak));
            return;
        }
        // Settings, .env.example, code: connection URLs and dialect imports.
        foreach (Match m in SafeMatches(DatabaseUrl(), text))
            if (OfName(m.Groups["scheme"].Value) is { } dialect)
                evidence.Add(new Evidence(dialect, "connection URLs", path, Strong));
        foreach (Match m in SafeMatches(DialectImport(), text))
            if (OfName(m.Groups["dialect"].Value) is { } dialect)
                evidence.Add(new Evidence(dialect, $"imports of `{m.Value}`", path, Weak));
    }

    private static bool IsTestOrDocumentation(string path)
    {
        foreach (var segment in path.Split('/'))
        {
            var s = segment.ToLowerInvariant();
            if (s is "test" or "tests" or "testing" or "__tests__" or "spec" or "specs" or "e2e" or "fixtures" or "docs" or "doc" or "examples" or "example"
                or "node_modules" or "vendor" or ".github" or ".ci" or ".circleci" or ".depot" or ".buildkite" or ".woodpecker") return true;
        }
        var name = Path.GetFileName(path).ToLowerInvariant();
        // CI pipelines start throwaway databases for tests; API descriptions show example URLs.
        if (name.StartsWith(".woodpecker", StringComparison.Ordinal) || name.StartsWith(".gitlab-ci", StringComparison.Ordinal) || name.StartsWith(".travis", StringComparison.Ordinal)
            || name.Contains("openapi", StringComparison.Ordinal) || name.Contains("swagger", StringComparison.Ordinal)) return true;
        return name.StartsWith("test_", StringComparison.Ordinal) || name.StartsWith("conftest", StringComparison.Ordinal)
            || name.Contains(".test.", StringComparison.Ordinal) || name.Contains(".spec.", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal);
    }

    /// <summary>A dialect from a name as URLs, images and configs spell it.</summary>
    internal static string? OfName(string name)
    {
        var n = name.ToLowerInvariant();
        var plus = n.IndexOf('+');
        if (plus > 0) n = n[..plus];
        var slash = n.LastIndexOf('/');
        if (slash >= 0) n = n[(slash + 1)..];
        return n switch
        {
            "postgres" or "postgresql" or "pg" or "pgsql" or "postgis" or "timescaledb" or "timescaledb-ha" or "pgvector" => "postgresql",
            "mysql" or "mariadb" or "singlestore" or "planetscale" => "mysql",
            "sqlite" or "sqlite3" or "turso" or "libsql" or "d1" => "sqlite",
            _ => null,
        };
    }

    private static string? OfDriver(string package) => package switch
    {
        "pg" or "postgres" or "@neondatabase/serverless" or "@vercel/postgres" or "pg-promise" or "@electric-sql/pglite"
            or "psycopg" or "psycopg2" or "psycopg2-binary" or "psycopg-binary" or "asyncpg" or "pg8000" => "postgresql",
        "mysql2" or "mysql" or "@planetscale/database" or "pymysql" or "mysqlclient" or "aiomysql" or "asyncmy" or "mysql-connector-python" => "mysql",
        "better-sqlite3" or "@libsql/client" or "sqlite3" or "aiosqlite" or "bun:sqlite" => "sqlite",
        _ => null,
    };

    private static string? Match(Regex regex, string text)
    {
        try
        {
            var m = regex.Match(text);
            return m.Success ? m.Groups[1].Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static IEnumerable<Match> SafeMatches(Regex regex, string text)
    {
        MatchCollection matches;
        try
        {
            matches = regex.Matches(text);
            _ = matches.Count; // evaluates every match now, inside the try
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }
        return matches;
    }

    [GeneratedRegex(@"\bdialect\s*:\s*['""`]([a-z0-9]+)['""`]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex DrizzleConfigDialect();

    [GeneratedRegex(@"^\s*sqlalchemy\.url\s*=\s*([a-z0-9]+)(?:\+[a-z0-9_]+)?:", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex AlembicUrl();

    [GeneratedRegex(@"^\s*image\s*:\s*['""]?(?<image>(?:[\w.-]+/)*(?:postgres|postgis|timescaledb(?:-ha)?|pgvector|mysql|mariadb))(?=[:@'""\s]|$)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex ComposeImage();

    [GeneratedRegex(@"""(?<package>pg|postgres|@neondatabase/serverless|@vercel/postgres|pg-promise|@electric-sql/pglite|mysql2|mysql|@planetscale/database|better-sqlite3|@libsql/client|sqlite3)""\s*:", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex NodeDriver();

    [GeneratedRegex(@"(?<![\w-])(?<package>psycopg2-binary|psycopg2|psycopg-binary|psycopg|asyncpg|pg8000|pymysql|mysqlclient|aiomysql|asyncmy|mysql-connector-python|aiosqlite)(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex PythonDriver();

    // `postgresql+asyncpg://`, `mysql://`, `sqlite:///`: a scheme right after a quote, `=` or whitespace, so `mypostgres://` is not one.
    [GeneratedRegex(@"(?<=[\s'""`=(]|^)(?<scheme>postgres(?:ql)?|mysql|mariadb|sqlite3?)(?:\+[a-z0-9_]+)?://", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex DatabaseUrl();

    [GeneratedRegex(@"\bsqlalchemy\.dialects\.(?<dialect>postgresql|mysql|sqlite)\b|\bdrizzle-orm/(?<dialect>pg|mysql|sqlite)-core\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex DialectImport();
}
