using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Sql;

internal static class SqlTestHelpers
{
    /// <summary>Parses and replays SQL into a fresh schema.</summary>
    public static Schema Build(string sql, string path = "schema.sql")
    {
        var schema = new Schema { SourceKind = SchemaSourceKind.Migrations };
        var builder = new SqlSchemaBuilder(schema);
        builder.Apply(SqlParser.Parse(path, sql));
        builder.Finish();
        return schema;
    }

    public static Table Table(this Schema schema, string name) =>
        schema.FindTable(name) ?? throw new Xunit.Sdk.XunitException($"no table {name}; tables: {string.Join(", ", schema.Tables)}; diagnostics: {string.Join(" | ", schema.Diagnostics)}");

    public static Column Column(this Table table, string name) =>
        table.FindColumn(name) ?? throw new Xunit.Sdk.XunitException($"no column {table.Name}.{name}");

    public static string Errors(this Schema schema) =>
        string.Join(" | ", schema.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
}
