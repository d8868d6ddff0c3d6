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

    [GeneratedRegex(@"\b(?:CREATE|ALTER)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DdlKeyword();

    public bool Accepts(SourceFile file) =>
        (file.Extension == ".sql" && DdlKeyword().IsMatch(file.Text)) || IsDrizzleJournal(file);

    private static bool IsDrizzleJournal(SourceFile file) =>
        file.RelativePath.EndsWith("meta/_journal.json", StringComparison.Ordinal) || file.RelativePath == "_journal.json";

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        var sqlFiles = files.Where(f => f.Extension == ".sql").ToList();
        var journals = files.Where(IsDrizzleJournal).ToList();
        var builder = new SqlSchemaBuilder(schema);
        foreach (var file in MigrationOrder.Order(sqlFiles, journals, schema.Diagnostics))
        {
            builder.Apply(SqlParser.Parse(file.RelativePath, file.Text));
            schema.Files.Add(new SourceFileInfo(file.RelativePath, CountLines(file.Text), HasModels: true));
        }
        builder.Finish();
    }

    private static int CountLines(string text)
    {
        var lines = 1;
        foreach (var c in text) if (c == '\n') lines++;
        return lines;
    }
}
