using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using SchemaAudit.Discovery;
using SchemaAudit.EfCore;
using SchemaAudit.Model;
using SchemaAudit.Tests.EfCore.Fixtures.Store;

namespace SchemaAudit.Tests.EfCore;

/// <summary>
/// The front-end's model of a fixture context against EF Core's own (the fixture is compiled into the tests and
/// EF builds its relational model offline, as <c>GenerateCreateScript</c> does): tables, columns, nullability,
/// primary keys, foreign keys with their delete behaviour, and indexes must be the same.
/// </summary>
public sealed class EfCrossCheckTests
{
    private static readonly string s_fixture = Path.Combine(TestPaths.RepositoryRoot, "tests", "SchemaAudit.Tests", "EfCore", "Fixtures", "StoreModel.cs");

    public static TheoryData<string> Providers => ["sqlite", "npgsql", "sqlserver"];

    private static StoreContext Context(string provider)
    {
        var options = new DbContextOptionsBuilder<StoreContext>();
        _ = provider switch
        {
            "sqlite" => options.UseSqlite("Data Source=:memory:"),
            "npgsql" => options.UseNpgsql("Host=localhost;Database=none"),
            _ => options.UseSqlServer("Server=localhost;Database=none"),
        };
        return new StoreContext(options.Options);
    }

    internal static Schema Extract(string path, string? providerCall = null)
    {
        var text = File.ReadAllText(path);
        if (providerCall is not null) text += $"\nstatic class ProviderChoice {{ static void Configure(Microsoft.EntityFrameworkCore.DbContextOptionsBuilder b) => b.{providerCall}(\"\"); }}\n";
        var schema = new Schema();
        new EfCoreFrontend().Extract([new SourceFile(path, Path.GetFileName(path), text)], schema);
        return schema;
    }

    private static IRelationalModel Truth(string provider)
    {
        using var context = Context(provider);
        // The design-time model is what migrations and GenerateCreateScript use.
        Assert.False(string.IsNullOrEmpty(context.Database.GenerateCreateScript()));
        return context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Tables_and_columns_match_EF(string provider)
    {
        var truth = Truth(provider);
        var schema = Extract(s_fixture);
        Assert.Equal(truth.Tables.Select(t => t.Name).Order(StringComparer.Ordinal), schema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var table in truth.Tables)
        {
            var ours = schema.FindTable(table.Name)!;
            Assert.Equal(Describe(table.Columns.Select(c => (c.Name, c.IsNullable))), Describe(ours.Columns.Select(c => (c.Name, c.Nullable))));
            Assert.Equal(table.PrimaryKey?.Columns.Select(c => c.Name) ?? [], ours.PrimaryKey?.Columns ?? []);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Foreign_keys_and_delete_behaviours_match_EF(string provider)
    {
        var truth = Truth(provider);
        var schema = Extract(s_fixture);
        foreach (var table in truth.Tables)
        {
            var expected = table.ForeignKeyConstraints.Select(fk =>
                $"{string.Join(",", fk.Columns.Select(c => c.Name))} -> {fk.PrincipalTable.Name}({string.Join(",", fk.PrincipalColumns.Select(c => c.Name))}) {Action(fk.OnDeleteAction)}");
            var actual = schema.FindTable(table.Name)!.ForeignKeys.Select(fk =>
                $"{string.Join(",", fk.Columns)} -> {fk.TargetTable}({string.Join(",", fk.TargetColumns)}) {(fk.OnDelete == Model.ReferentialAction.Unspecified ? "NO ACTION" : fk.OnDelete.ToSql())}");
            Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Indexes_match_EF(string provider)
    {
        var truth = Truth(provider);
        var schema = Extract(s_fixture);
        foreach (var table in truth.Tables)
        {
            // SQL Server adds "IS NOT NULL" filters to unique indexes over nullable columns; the other providers do not.
            var expected = table.Indexes.Select(i => $"{string.Join(",", i.Columns.Select(c => c.Name))}{(i.IsUnique ? " unique" : "")}{(provider == "sqlserver" ? "" : i.Filter is { } f ? " where " + f : "")}");
            var actual = schema.FindTable(table.Name)!.Indexes.Select(i => $"{string.Join(",", i.Columns)}{(i.IsUnique ? " unique" : "")}{(provider == "sqlserver" ? "" : i.Where is { } w ? " where " + w : "")}");
            Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Store_types_follow_the_provider_the_source_configures()
    {
        using var context = Context("sqlserver");
        var truth = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var schema = Extract(s_fixture, "UseSqlServer");
        Assert.Equal("sqlserver", schema.Dialect);
        foreach (var table in truth.Tables)
            foreach (var column in table.Columns)
                Assert.Equal($"{table.Name}.{column.Name} {column.StoreType}", $"{table.Name}.{column.Name} {schema.FindTable(table.Name)!.FindColumn(column.Name)!.TypeAsWritten}");
    }

    // EF's ClientSetNull and NoAction both leave the database at NO ACTION; the front-end keeps "not written" apart.
    private static string Action(Microsoft.EntityFrameworkCore.Migrations.ReferentialAction action) => action switch
    {
        Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.Cascade => "CASCADE",
        Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.SetNull => "SET NULL",
        Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.Restrict => "RESTRICT",
        Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };

    private static string Describe(IEnumerable<(string Name, bool Nullable)> columns) =>
        string.Join(", ", columns.Select(c => c.Name + (c.Nullable ? "?" : "")).Order(StringComparer.Ordinal));
}
