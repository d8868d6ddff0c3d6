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
        var sqlFiles = files.Where(f => f.Extension == ".sql").ToList();
        var journals = files.Where(IsDrizzleJournal).ToList();
        // The journal names the dialect drizzle-kit wrote for; votes from the SQL are only a guess
        // (SQLite output quotes names with backticks, as MySQL does).
        foreach (var journal in journals) schema.Dialect ??= JournalDialect(journal);
        var builder = new SqlSchemaBuilder(schema);
        foreach (var file in MigrationOrder.Order(sqlFiles, journals, schema.Diagnostics))
        {
            builder.Apply(SqlParser.Parse(file.RelativePath, file.Text));
            schema.Files.Add(new SourceFileInfo(file.RelativePath, CountLines(file.Text), HasModels: true));
        }
        builder.Finish();
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
