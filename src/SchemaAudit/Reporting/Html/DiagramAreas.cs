namespace SchemaAudit.Reporting.Html;

/// <summary>One subject area of the ER diagram: tables drawn together, named after its most connected table.</summary>
internal sealed record DiagramArea(IReadOnlyList<int> Tables, int Hub);

/// <summary>
/// Splits a large schema into subject areas of at most <see cref="MaxTables"/> tables, so the page
/// draws one readable area at a time instead of thousands of boxes at once. Tables are taken in
/// breadth-first order over the foreign keys (either direction), component after component, and
/// the order is cut into runs: tables that reference each other land in the same area. Linear in
/// tables plus foreign keys; a schema of up to <see cref="MaxTables"/> tables is one area.
/// </summary>
internal static class DiagramAreas
{
    public const int MaxTables = 60;

    public static IReadOnlyList<DiagramArea> Compute(SchemaGraph graph)
    {
        var n = graph.Tables.Count;
        var neighbours = new List<int>[n];
        for (var i = 0; i < n; i++) neighbours[i] = [];
        foreach (var edge in graph.Edges)
        {
            if (edge.Child == edge.Parent) continue;
            neighbours[edge.Child].Add(edge.Parent);
            neighbours[edge.Parent].Add(edge.Child);
        }

        var order = new List<int>(n);
        var seen = new bool[n];
        var queue = new Queue<int>();
        for (var root = 0; root < n; root++)
        {
            if (seen[root]) continue;
            seen[root] = true;
            queue.Enqueue(root);
            while (queue.TryDequeue(out var table))
            {
                order.Add(table);
                foreach (var next in neighbours[table])
                {
                    if (seen[next]) continue;
                    seen[next] = true;
                    queue.Enqueue(next);
                }
            }
        }

        var areas = new List<DiagramArea>((n + MaxTables - 1) / MaxTables);
        for (var start = 0; start < n; start += MaxTables)
        {
            var tables = order.GetRange(start, Math.Min(MaxTables, n - start));
            tables.Sort(); // name order within an area, as the whole-schema diagram always had
            var hub = tables.MaxBy(t => neighbours[t].Count);
            areas.Add(new DiagramArea(tables, hub));
        }
        if (areas.Count == 0) areas.Add(new DiagramArea([], -1));
        return areas;
    }
}
