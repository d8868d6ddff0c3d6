using SchemaAudit.Model;

namespace SchemaAudit.Reporting.Html;

/// <summary>A foreign key as an edge between two tables of the diagram (indexes into <see cref="SchemaGraph.Tables"/>).</summary>
internal sealed record GraphEdge(int Child, int Parent, ForeignKey ForeignKey);

/// <summary>
/// The tables of a schema in name order with their foreign keys resolved to table indexes, built
/// once for the diagram and the cascade view. FKs to tables outside the model are left out (they are
/// findings, not boxes).
/// </summary>
internal sealed class SchemaGraph
{
    private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);

    public SchemaGraph(Schema schema)
    {
        Tables = [.. schema.Tables.OrderBy(t => t.QualifiedName, StringComparer.Ordinal)];
        for (var i = 0; i < Tables.Count; i++)
        {
            _byName.TryAdd(Tables[i].QualifiedName, i);
            _byName.TryAdd(Tables[i].Name, i);
        }
        var edges = new List<GraphEdge>();
        for (var child = 0; child < Tables.Count; child++)
        {
            foreach (var fk in Tables[child].ForeignKeys)
            {
                if (IndexOf(fk.TargetTable) is { } parent) edges.Add(new GraphEdge(child, parent, fk));
            }
        }
        Edges = edges;
    }

    public IReadOnlyList<Table> Tables { get; }

    public IReadOnlyList<GraphEdge> Edges { get; }

    public int? IndexOf(string? tableName) =>
        tableName is not null && _byName.TryGetValue(tableName, out var index) ? index : null;

    /// <summary>The key findings and diagram nodes share: the qualified name, lower case.</summary>
    public static string Key(string tableName) => tableName.ToLowerInvariant();

    public string KeyOf(string tableName) => IndexOf(tableName) is { } i ? Key(Tables[i].QualifiedName) : Key(tableName);
}
