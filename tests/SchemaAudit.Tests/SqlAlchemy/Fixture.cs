using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.SqlAlchemy;

/// <summary>Loads a front-end fixture project from <c>tests/fixtures/sqlalchemy/&lt;name&gt;</c> and answers questions about it.</summary>
internal sealed class Fixture
{
    private Fixture(string root, Schema schema)
    {
        Root = root;
        Schema = schema;
    }

    public string Root { get; }
    public Schema Schema { get; }

    public static Fixture Load(string name)
    {
        var root = Path.Combine(TestPaths.Fixtures, "sqlalchemy", name);
        var schema = AuditRunner.BuildSchema([root], root, AuditConfig.Default);
        return new Fixture(root, schema);
    }

    /// <summary>Builds a schema from in-memory files (path → source).</summary>
    public static Schema FromSources(params (string Path, string Source)[] files) =>
        AuditRunner.BuildSchema(files.Select(f => new SourceFile("/mem/" + f.Path, f.Path, f.Source)).ToList());

    public Table Table(string name) =>
        Schema.Tables.Find(t => t.Name == name) ?? throw new Xunit.Sdk.XunitException($"no table `{name}`; tables: {string.Join(", ", Schema.Tables.Select(t => t.Name))}\n{Diagnostics}");

    public Column Column(string table, string column) =>
        Table(table).Columns.Find(c => c.Name == column) ?? throw new Xunit.Sdk.XunitException($"no column `{table}.{column}`; columns: {string.Join(", ", Table(table).Columns.Select(c => c.Name))}");

    public Relationship Relationship(string owner, string attribute) =>
        Schema.Relationships.Find(r => r.OwnerEntity == owner && r.Attribute == attribute)
        ?? throw new Xunit.Sdk.XunitException($"no relationship `{owner}.{attribute}`; have: {string.Join(", ", Schema.Relationships.Select(r => r.OwnerEntity + "." + r.Attribute))}");

    public Entity Entity(string name) =>
        Schema.Entities.Find(e => e.Name == name) ?? throw new Xunit.Sdk.XunitException($"no entity `{name}`");

    public string Diagnostics => string.Join("\n", Schema.Diagnostics);

    /// <summary>The 1-based line of the first line of <paramref name="file"/> containing <paramref name="snippet"/>.</summary>
    public int LineOf(string file, string snippet)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, file));
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(snippet, StringComparison.Ordinal)) return i + 1;
        }
        throw new Xunit.Sdk.XunitException($"`{snippet}` not found in {file}");
    }

    /// <summary>The span expected for something declared on the line holding <paramref name="snippet"/>.</summary>
    public (string Path, int Line) At(string file, string snippet) => (file, LineOf(file, snippet));
}

internal static class SpanExtensions
{
    public static (string Path, int Line) Where(this SourceSpan span) => (span.Path, span.Line);
}
