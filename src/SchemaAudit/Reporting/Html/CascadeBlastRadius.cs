using SchemaAudit.Model;

namespace SchemaAudit.Reporting.Html;

/// <summary>One way a delete travels from a parent table to a child: an FK action or an ORM cascade.</summary>
/// <param name="Via">What carries it, for people: <c>messages.conversation_id ON DELETE CASCADE</c>.</param>
internal sealed record CascadeEdge(int Parent, int Child, string Via, bool Deletes);

/// <summary>A table reached by deleting a row of another: deleted with it, or its reference set to NULL.</summary>
internal sealed record CascadeStep(int Table, int Depth, int Edge, bool Deleted);

/// <summary>What a delete on one table reaches, breadth-first; <see cref="Truncated"/> when the list was cut at the cap.</summary>
internal sealed record BlastRadius(IReadOnlyList<CascadeStep> Steps, bool Truncated);

/// <summary>
/// What a DELETE on each table reaches: tables deleted with it through <c>ON DELETE CASCADE</c> foreign
/// keys or ORM <c>cascade="all"/"delete"</c> relationships, transitively, and tables whose references
/// are set to NULL on the way. Breadth-first, so each table is listed at its shortest distance. Each
/// walk stops after <see cref="MaxSteps"/> tables, so the work and the embedded data stay linear in
/// the schema's size even for long cascade chains.
/// </summary>
internal sealed class CascadeBlastRadius
{
    public const int MaxSteps = 300;

    private readonly List<int>[] _outgoing;

    private CascadeBlastRadius(IReadOnlyList<CascadeEdge> edges, int tableCount)
    {
        Edges = edges;
        _outgoing = new List<int>[tableCount];
        for (var i = 0; i < tableCount; i++) _outgoing[i] = [];
        for (var e = 0; e < edges.Count; e++) _outgoing[edges[e].Parent].Add(e);
        var byTable = new Dictionary<int, BlastRadius>();
        for (var start = 0; start < tableCount; start++)
        {
            if (_outgoing[start].Count > 0) byTable[start] = Walk(start);
        }
        ByTable = byTable;
    }

    public IReadOnlyList<CascadeEdge> Edges { get; }

    /// <summary>The blast radius of every table that a delete can leave (tables nothing cascades from are absent).</summary>
    public IReadOnlyDictionary<int, BlastRadius> ByTable { get; }

    public string Via(CascadeStep step) => Edges[step.Edge].Via;

    public static CascadeBlastRadius Compute(SchemaGraph graph, Schema schema)
    {
        var edges = new List<CascadeEdge>();
        foreach (var edge in graph.Edges)
        {
            if (edge.Child == edge.Parent) continue; // a row's own reference: deleting it cannot reach another table
            var via = $"{graph.Tables[edge.Child].QualifiedName}.{string.Join(", ", edge.ForeignKey.Columns)}";
            if (edge.ForeignKey.OnDelete == ReferentialAction.Cascade) edges.Add(new CascadeEdge(edge.Parent, edge.Child, via + " ON DELETE CASCADE", Deletes: true));
            else if (edge.ForeignKey.OnDelete == ReferentialAction.SetNull) edges.Add(new CascadeEdge(edge.Parent, edge.Child, via + " ON DELETE SET NULL", Deletes: false));
        }
        foreach (var relationship in schema.Relationships)
        {
            if (relationship.ViewOnly || relationship.Secondary is not null || !DeletesTargets(relationship.Cascade)) continue;
            if (graph.IndexOf(relationship.OwnerTable) is { } owner && graph.IndexOf(relationship.TargetTable) is { } target && owner != target)
                edges.Add(new CascadeEdge(owner, target, $"{relationship.OwnerEntity}.{relationship.Attribute} cascade=\"{relationship.Cascade}\" (ORM)", Deletes: true));
        }
        // Deleting edges first, so a table both deleted and nulled from one parent counts as deleted.
        return new CascadeBlastRadius([.. edges.OrderBy(e => e.Deletes ? 0 : 1)], graph.Tables.Count);
    }

    private BlastRadius Walk(int start)
    {
        var steps = new List<CascadeStep>();
        var reached = new Dictionary<int, int> { [start] = -1 }; // table → index in steps (-1: the start)
        var queue = new Queue<(int Table, int Depth)>();
        queue.Enqueue((start, 0));
        while (queue.Count > 0)
        {
            var (table, depth) = queue.Dequeue();
            foreach (var e in _outgoing[table])
            {
                var edge = Edges[e];
                if (reached.TryGetValue(edge.Child, out var at))
                {
                    // Reached before by SET NULL and now by a delete: it is deleted after all, and its children follow.
                    if (at < 0 || !edge.Deletes || steps[at].Deleted) continue;
                    steps[at] = steps[at] with { Deleted = true, Edge = e };
                    queue.Enqueue((edge.Child, steps[at].Depth));
                    continue;
                }
                if (steps.Count == MaxSteps) return new BlastRadius(steps, Truncated: true);
                reached[edge.Child] = steps.Count;
                steps.Add(new CascadeStep(edge.Child, depth + 1, e, edge.Deletes));
                if (edge.Deletes) queue.Enqueue((edge.Child, depth + 1));
            }
        }
        return new BlastRadius(steps, Truncated: false);
    }

    private static bool DeletesTargets(string? cascade) =>
        cascade is not null && cascade.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(option => option is "all" or "delete");
}
