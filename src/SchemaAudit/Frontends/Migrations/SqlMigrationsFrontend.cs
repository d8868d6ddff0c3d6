using System.Text.Json;
using System.Text.RegularExpressions;
using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Migrations;

/// <summary>
/// SQL DDL files (<c>schema.sql</c>, plain migration folders, Flyway, drizzle-kit output),
/// replayed in migration order into the "migrations" view of the schema.
/// </summary>
public sealed partial class SqlMigrationsFrontend : IFrontend
{
    public string Name => "sql";

    public SchemaSourceKind View => SchemaSourceKind.Migrations;

    // DROP counts: a drizzle-kit migration can consist of DROP TABLE statements only, and skipping it
    // would leave the dropped tables in the replayed schema.
    [GeneratedRegex(@"\b(?:CREATE|ALTER|DROP)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DdlKeyword();

    public bool Accepts(SourceFile file) =>
        (file.Extension == ".sql" && DdlKeyword().IsMatch(file.Text)) || IsDrizzleJournal(file);

    private static bool IsDrizzleJournal(SourceFile file) =>
        file.RelativePath.EndsWith("meta/_journal.json", StringComparison.Ordinal) || file.RelativePath == "_journal.json";

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        var journals = files.Where(IsDrizzleJournal).ToList();
        // The journal names the dialect drizzle-kit wrote for; votes from the SQL are only a guess
        // (SQLite output quotes names with backticks, as MySQL does).
        foreach (var journal in journals) schema.Dialect ??= JournalDialect(journal);
        var sqlFiles = files.Where(f => f.Extension == ".sql" && !IsDownMigration(f.RelativePath)).ToList();
        sqlFiles = SqlDialectPartition.Select(sqlFiles, schema.Dialect, schema.Diagnostics, out var dialect);
        schema.Dialect ??= dialect;
        // A history of several files may start from a schema made outside it (a dump, an ORM's create_all):
        // a table it alters before creating is that baseline, said once, not a warning per statement.
        var builder = new SqlSchemaBuilder(schema) { AllowUnseenBaseline = sqlFiles.Count > 1 };
        foreach (var file in MigrationOrder.Order(sqlFiles, journals, schema.Diagnostics))
        {
            builder.Apply(SqlParser.Parse(file.RelativePath, file.Text));
            schema.Files.Add(new SourceFileInfo(file.RelativePath, CountLines(file.Text), HasModels: true));
        }
        builder.Finish();
    }

    /// <summary>
    /// The "down" half of a migration (diesel's <c>down.sql</c>, golang-migrate and sqlx's <c>*.down.sql</c>,
    /// Flyway's undo <c>U1__x.sql</c>): it undoes the "up" half and never runs on the way to the current schema.
    /// </summary>
    internal static bool IsDownMigration(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name is "down.sql" or "downgrade.sql" or "rollback.sql") return true;
        if (name.EndsWith(".down.sql", StringComparison.Ordinal) || name.EndsWith("_down.sql", StringComparison.Ordinal)
            || name.EndsWith("-down.sql", StringComparison.Ordinal) || name.EndsWith(".undo.sql", StringComparison.Ordinal)) return true;
        return name.Length > 3 && name[0] == 'u' && char.IsAsciiDigit(name[1]) && name.Contains("__", StringComparison.Ordinal);
    }

    /// <summary><c>{"dialect": "sqlite", …}</c> → <c>sqlite</c>; null when absent or unreadable (<see cref="MigrationOrder"/> reports bad JSON).</summary>
    private static string? JournalDialect(SourceFile journal)
    {
        try
        {
            using var document = JsonDocument.Parse(journal.Text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("dialect", out var dialect) && dialect.ValueKind == JsonValueKind.String
                ? Drizzle.DrizzleDialects.OfConfigName(dialect.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int CountLines(string text)
    {
        var lines = 1;
        foreach (var c in text) if (c == '\n') lines++;
        return lines;
    }
}
