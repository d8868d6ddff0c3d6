namespace SchemaAudit.Reporting.Html;

/// <summary>A box's place in the diagram, in SVG user units.</summary>
internal readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Bottom => Y + Height;
    public double CenterX => X + Width / 2;
}

/// <summary>
/// Layered layout of the ER diagram, deterministic for a given schema: referenced tables above the
/// tables that reference them (longest-path layering over FK edges, cycles broken by a depth-first
/// search), tables ordered within a layer by the barycentre of their neighbours to shorten edges,
/// and long layers wrapped into rows so fifty tables stay readable.
/// </summary>
internal static class ErLayout
{
    public const double Gap = 36;
    public const double RowGap = 64;
    public const int MaxPerRow = 7;
    private const int Sweeps = 4;

    /// <param name="sizes">Width and height of each node's box.</param>
    /// <param name="edges">(child, parent) pairs: the parent is drawn above.</param>
    public static IReadOnlyList<Box> Compute(IReadOnlyList<(double Width, double Height)> sizes, IReadOnlyList<(int Child, int Parent)> edges)
    {
        var n = sizes.Count;
        if (n == 0) return [];
        var down = Adjacency(n, edges, parentToChild: true);
        var acyclic = WithoutBackEdges(n, down);
        var layers = LongestPathLayers(n, acyclic);
        var order = OrderWithinLayers(n, layers, down);
        return Place(sizes, order);
    }

    private static List<int>[] Adjacency(int n, IReadOnlyList<(int Child, int Parent)> edges, bool parentToChild)
    {
        var adjacency = new List<int>[n];
        for (var i = 0; i < n; i++) adjacency[i] = [];
        foreach (var (child, parent) in edges)
        {
            if (child == parent) continue;
            if (parentToChild) adjacency[parent].Add(child);
            else adjacency[child].Add(parent);
        }
        for (var i = 0; i < n; i++) adjacency[i] = [.. adjacency[i].Distinct().Order()];
        return adjacency;
    }

    /// <summary>Drops the edges that close a cycle (iterative DFS in node order, so the result is deterministic).</summary>
    private static List<int>[] WithoutBackEdges(int n, List<int>[] down)
    {
        var result = new List<int>[n];
        for (var i = 0; i < n; i++) result[i] = [];
        var state = new byte[n]; // 0 unvisited, 1 on the stack, 2 done
        var stack = new Stack<(int Node, int Next)>();
        for (var root = 0; root < n; root++)
        {
            if (state[root] != 0) continue;
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < down[node].Count)
                {
                    stack.Push((node, next + 1));
                    var child = down[node][next];
                    if (state[child] == 1) continue; // back edge: a cycle
                    result[node].Add(child);
                    if (state[child] == 0)
                    {
                        state[child] = 1;
                        stack.Push((child, 0));
                    }
                }
                else
                {
                    state[node] = 2;
                }
            }
        }
        return result;
    }

    private static int[] LongestPathLayers(int n, List<int>[] dag)
    {
        var indegree = new int[n];
        foreach (var children in dag)
            foreach (var c in children) indegree[c]++;
        var layer = new int[n];
        var ready = new Queue<int>(Enumerable.Range(0, n).Where(i => indegree[i] == 0));
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            foreach (var child in dag[node])
            {
                layer[child] = Math.Max(layer[child], layer[node] + 1);
                if (--indegree[child] == 0) ready.Enqueue(child);
            }
        }
        return layer;
    }

    /// <summary>Barycentric ordering: alternate sweeps down and up, each layer sorted by its neighbours' mean position.</summary>
    private static List<List<int>> OrderWithinLayers(int n, int[] layer, List<int>[] down)
    {
        var neighbours = new List<int>[n];
        for (var i = 0; i < n; i++) neighbours[i] = [.. down[i]];
        for (var i = 0; i < n; i++)
            foreach (var c in down[i]) neighbours[c].Add(i);

        var layers = new List<List<int>>();
        for (var i = 0; i < n; i++)
        {
            while (layers.Count <= layer[i]) layers.Add([]);
            layers[layer[i]].Add(i);
        }
        // Positions are relative within a layer (0..1), so layers of different widths compare.
        var position = new double[n];
        void Number(List<int> layerNodes)
        {
            for (var p = 0; p < layerNodes.Count; p++) position[layerNodes[p]] = (p + 0.5) / layerNodes.Count;
        }
        foreach (var l in layers) Number(l);
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var downward = sweep % 2 == 0;
            var range = downward ? Enumerable.Range(1, Math.Max(0, layers.Count - 1)) : Enumerable.Range(0, layers.Count).Reverse();
            foreach (var index in range)
            {
                var current = layers[index];
                var keys = current.ToDictionary(node => node, node =>
                {
                    var fixedSide = neighbours[node].Where(m => downward ? layer[m] < index : layer[m] > index).ToList();
                    return fixedSide.Count == 0 ? position[node] : fixedSide.Average(m => position[m]);
                });
                // Stable: ties keep the current order, so the result never depends on hashing.
                layers[index] = [.. current.Select((node, i) => (node, i)).OrderBy(x => keys[x.node]).ThenBy(x => x.i).Select(x => x.node)];
                Number(layers[index]);
            }
        }
        return layers;
    }

    private static Box[] Place(IReadOnlyList<(double Width, double Height)> sizes, List<List<int>> layers)
    {
        var rows = layers.Where(l => l.Count > 0).SelectMany(l => l.Chunk(MaxPerRow)).ToList();
        var rowWidths = rows.Select(r => r.Sum(i => sizes[i].Width) + Gap * (r.Length - 1)).ToList();
        var widest = rowWidths.Max();
        var boxes = new Box[sizes.Count];
        var y = Gap;
        for (var r = 0; r < rows.Count; r++)
        {
            var x = Gap + (widest - rowWidths[r]) / 2;
            var height = rows[r].Max(i => sizes[i].Height);
            foreach (var i in rows[r])
            {
                boxes[i] = new Box(Math.Round(x, 1), y, sizes[i].Width, sizes[i].Height);
                x += sizes[i].Width + Gap;
            }
            y += height + RowGap;
        }
        return boxes;
    }
}
