using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Drizzle;

/// <summary>
/// The extractor must see what drizzle-kit sees: for each fixture schema, the facts read from
/// the TypeScript equal those in the SQL drizzle-kit generated from it (committed next to the
/// fixture, see tests/fixtures/drizzle/README.md).
/// </summary>
public sealed class DrizzleKitCrossCheckTests
{
    public static TheoryData<string> Cases => new() { "pg-basic", "pg-helpers", "sqlite-basic" };

    private static (DrizzleKitSqlReader.Facts Expected, DrizzleKitSqlReader.Facts Actual, Schema Schema) Load(string name)
    {
        var folder = Path.Combine(TestPaths.Fixtures, "drizzle", name);
        var expected = DrizzleKitSqlReader.Read(File.ReadAllText(Path.Combine(folder, "drizzle-kit.sql")));
        var files = Directory.EnumerateFiles(folder, "*.ts", SearchOption.AllDirectories)
            .Select(f => new SourceFile(f, Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        var frontend = new SchemaAudit.Frontends.Drizzle.DrizzleFrontend();
        var schema = new Schema();
        frontend.Extract(files.Where(frontend.Accepts).ToList(), schema);
        Assert.True(schema.Diagnostics.Count == 0, string.Join("\n", schema.Diagnostics));
        return (expected, DrizzleKitSqlReader.FromSchema(schema), schema);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tables_and_columns_match(string name)
    {
        var (expected, actual, _) = Load(name);
        Assert.True(expected.Tables.Count >= 2 && expected.Columns.Count >= 8, "the SQL reader read too little");
        Assert.Equal(expected.Tables.Order(StringComparer.Ordinal), actual.Tables.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Columns.Order(StringComparer.Ordinal), actual.Columns.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Foreign_keys_match(string name)
    {
        var (expected, actual, _) = Load(name);
        Assert.NotEmpty(expected.ForeignKeys);
        Assert.Equal(expected.ForeignKeys.Order(StringComparer.Ordinal), actual.ForeignKeys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Indexes_and_unique_constraints_match(string name)
    {
        var (expected, actual, _) = Load(name);
        Assert.NotEmpty(expected.Indexes);
        Assert.NotEmpty(expected.PrimaryKeys);
        Assert.Equal(expected.Indexes.Order(StringComparer.Ordinal), actual.Indexes.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Uniques.Order(StringComparer.Ordinal), actual.Uniques.Order(StringComparer.Ordinal));
        Assert.Equal(expected.PrimaryKeys.Order(StringComparer.Ordinal), actual.PrimaryKeys.Order(StringComparer.Ordinal));
    }
}
