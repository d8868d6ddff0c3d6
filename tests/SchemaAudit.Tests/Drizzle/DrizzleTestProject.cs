using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Drizzle;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Drizzle;

/// <summary>Runs the Drizzle front-end on in-memory files, as the pipeline would.</summary>
internal static class DrizzleTestProject
{
    public static Schema Extract(params (string Path, string Text)[] files)
    {
        var frontend = new DrizzleFrontend();
        var sources = files.Select(f => new SourceFile("/virtual/" + f.Path, f.Path, f.Text)).Where(frontend.Accepts).ToList();
        var schema = new Schema();
        frontend.Extract(sources, schema);
        return schema;
    }

    public static Schema ExtractClean(params (string Path, string Text)[] files)
    {
        var schema = Extract(files);
        Assert.True(schema.Diagnostics.Count == 0, string.Join("\n", schema.Diagnostics));
        return schema;
    }

    public static Table Table(this Schema schema, string name) =>
        schema.Tables.SingleOrDefault(t => t.Name == name) ?? throw new Xunit.Sdk.XunitException($"no table {name}; tables: {string.Join(", ", schema.Tables)}");

    public static Column Column(this Table table, string name) =>
        table.FindColumn(name) ?? throw new Xunit.Sdk.XunitException($"no column {table.Name}.{name}; columns: {string.Join(", ", table.Columns)}");

    /// <summary>The 1-based line of the first line containing <paramref name="marker"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains(marker, StringComparison.Ordinal)) return i + 1;
        throw new Xunit.Sdk.XunitException($"marker not found: {marker}");
    }
}
