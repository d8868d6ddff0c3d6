using SchemaAudit.Model;

namespace SchemaAudit.Reporting.Html;

/// <summary>A table reached by deleting a row of another: deleted with it, or its reference set to NULL.</summary>
/// <param name="Via">The FK or ORM relationship that carries the delete one step further (<c>messages.conversation_id</c>).</param>
internal sealed record CascadeStep(int Table, int Depth, string Via, bool Deleted);

/// <summary>
/// What a DELETE on each table reaches: tables deleted with it through <c>ON DELETE CASCADE</c> foreign
/// keys or ORM <c>cascade="all"/"delete"</c> relationships, transitively, and tables whose references
/// are set to NULL on the way. Breadth-first, so each table is listed at its shortest distance.
/// </summary>
internal static class CascadeBlastRadius
{
    public static IReadOnlyDictionary<int, IReadOnlyList<CascadeStep>> Compute(SchemaGraph graph, Schema schema)
    {
        var deletes = new List<(int Child, string Via)>[graph.Tables.Count];
        var nulls = new List<(int Child, string Via)>[graph.Tables.Count];
        for (var i = 0; i < graph.Tables.Count; i++)
        {
            deletes[i] = [];
            nulls[i] = [];
        }
        foreach (var edge in graph.Edges)
        {
            var via = $"{graph.Tables[edge.Child].QualifiedName}.{string.Join(", ", edge.ForeignKey.Columns)}";
            if (edge.ForeignKey.OnDelete == ReferentialAction.Cascade) deletes[edge.Parent].Add((edge.Child, via + " ON DELETE CASCADE"));
            else if (edge.ForeignKey.OnDelete == ReferentialAction.SetNull) nulls[edge.Parent].Add((edge.Child, via + " ON DELETE SET NULL"));
        }
        foreach (var relationship in schema.Relationships)
        {
            if (relationship.ViewOnly || !DeletesTargets(relationship.Cascade) || relationship.Secondary is not null) continue;
            if (graph.IndexOf(relationship.OwnerTable) is { } owner && graph.IndexOf(relationship.TargetTable) is { } target && owner != target)
                deletes[owner].Add((target, $"{relationship.OwnerEntity}.{relationship.Attribute} cascade=\"{relationship.Cascade}\" (ORM)"));
        }

        var result = new Dictionary<int, IReadOnlyList<CascadeStep>>();
        for (var start = 0; start < graph.Tables.Count; start++)
        {
            if (deletes[start].Count == 0 && nulls[start].Count == 0) continue;
            result[start] = Walk(start, deletes, nulls);
        }
        return result;
    }

    private static List<CascadeStep> Walk(int start, List<(int Child, string Via)>[] deletes, List<(int Child, string Via)>[] nulls)
    {
        var steps = new List<CascadeStep>();
        var deleted = new HashSet<int> { start };
        var nulled = new HashSet<int>();
        var queue = new Queue<(int Table, int Depth)>();
        queue.Enqueue((start, 0));
        while (queue.Count > 0)
        {
            var (table, depth) = queue.Dequeue();
            foreach (var (child, via) in deletes[table])
            {
                if (!deleted.Add(child)) continue;
                steps.Add(new CascadeStep(child, depth + 1, via, Deleted: true));
                queue.Enqueue((child, depth + 1));
            }
            foreach (var (child, via) in nulls[table])
            {
                if (deleted.Contains(child) || !nulled.Add(child)) continue;
                steps.Add(new CascadeStep(child, depth + 1, via, Deleted: false));
            }
        }
        // A table first reached by SET NULL and later deleted is reported as deleted only.
        return steps.Where(s => s.Deleted || !deleted.Contains(s.Table)).ToList();
    }

    private static bool DeletesTargets(string? cascade) =>
        cascade is not null && cascade.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(option => option is "all" or "delete");
}
