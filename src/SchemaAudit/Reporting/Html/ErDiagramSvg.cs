using System.Text;
using SchemaAudit.Model;

namespace SchemaAudit.Reporting.Html;

/// <summary>Finding counts for one table, to mark it in the diagram.</summary>
internal readonly record struct TableMarks(int Critical, int Total);

/// <summary>
/// The ER diagram as inline SVG: one box per table (name, then primary-key and foreign-key columns
/// first, capped so wide tables stay small), one arrow per foreign key from the referencing table to
/// the referenced one, tables with critical findings outlined in red. Boxes carry
/// <c>data-table</c> so the page's script can filter findings and show cascades.
/// </summary>
internal static class ErDiagramSvg
{
    public const int MaxColumnsShown = 8;
    private const double HeaderHeight = 26;
    private const double RowHeight = 17;
    private const double CharWidth = 7.3;
    private const double Padding = 10;
    private const int MaxChars = 34;

    /// <summary>The whole schema as one diagram.</summary>
    public static string Render(SchemaGraph graph, IReadOnlyDictionary<int, TableMarks> marks) =>
        Render(graph, [.. Enumerable.Range(0, graph.Tables.Count)], marks);

    /// <summary>
    /// The diagram of <paramref name="nodes"/> (indexes into the graph's tables; ids stay global, so
    /// the script finds a table whatever area shows it): only the foreign keys between them are drawn.
    /// </summary>
    public static string Render(SchemaGraph graph, IReadOnlyList<int> nodes, IReadOnlyDictionary<int, TableMarks> marks)
    {
        var tables = graph.Tables;
        var local = new Dictionary<int, int>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++) local[nodes[i]] = i;
        var edges = graph.Edges.Where(e => local.ContainsKey(e.Child) && local.ContainsKey(e.Parent)).ToList();
        var rows = nodes.Select(n => ColumnRows(tables[n])).ToList();
        var sizes = nodes.Select((n, i) => Size(tables[n], rows[i])).ToList();
        var localBoxes = ErLayout.Compute(sizes, [.. edges.Select(e => (local[e.Child], local[e.Parent]))]);
        var boxes = new Dictionary<int, Box>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++) boxes[nodes[i]] = localBoxes[i];
        var width = localBoxes.Count == 0 ? 200 : localBoxes.Max(b => b.X + b.Width) + ErLayout.Gap;
        var height = localBoxes.Count == 0 ? 60 : localBoxes.Max(b => b.Bottom) + ErLayout.Gap;

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"er-diagram\" role=\"img\" aria-label=\"Entity-relationship diagram\" viewBox=\"0 0 {HtmlText.Number(width)} {HtmlText.Number(height)}\" width=\"{HtmlText.Number(width)}\" height=\"{HtmlText.Number(height)}\">\n");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#7b8494\"/></marker></defs>\n");
        if (nodes.Count == 0)
            svg.Append("<text x=\"10\" y=\"30\" class=\"er-empty\">No tables were found.</text>\n");

        svg.Append("<g class=\"er-edges\">\n");
        foreach (var edge in edges)
            AppendEdge(svg, graph, edge, boxes);
        svg.Append("</g>\n");

        for (var i = 0; i < nodes.Count; i++)
            AppendTable(svg, graph, nodes[i], localBoxes[i], rows[i], marks.GetValueOrDefault(nodes[i]));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private sealed record ColumnRow(string Text, string Keys);

    /// <summary>Key columns first (PK, then FK), then the others in declaration order, capped.</summary>
    private static (List<ColumnRow> Shown, int Hidden) ColumnRows(Table table)
    {
        var pk = new HashSet<string>(table.PrimaryKey?.Columns ?? [], StringComparer.OrdinalIgnoreCase);
        var fk = new HashSet<string>(table.ForeignKeys.SelectMany(f => f.Columns), StringComparer.OrdinalIgnoreCase);
        string Keys(Column c) => string.Join(" ", new[] { c.IsPrimaryKey || pk.Contains(c.Name) ? "PK" : null, fk.Contains(c.Name) ? "FK" : null }.OfType<string>());
        var ordered = table.Columns
            .Select((c, i) => (Column: c, Index: i, Keys: Keys(c)))
            .OrderBy(x => x.Keys.Contains("PK", StringComparison.Ordinal) ? 0 : x.Keys.Length > 0 ? 1 : 2)
            .ThenBy(x => x.Index)
            .ToList();
        var shown = ordered.Take(MaxColumnsShown)
            .Select(x => new ColumnRow(HtmlText.Truncate($"{x.Column.Name} {TypeName(x.Column)}", MaxChars), x.Keys))
            .ToList();
        return (shown, Math.Max(0, ordered.Count - MaxColumnsShown));
    }

    private static string TypeName(Column c) =>
        c.Type != LogicalType.Unknown ? c.Type.DisplayName() : c.TypeAsWritten.Length > 0 ? c.TypeAsWritten : "?";

    private static (double Width, double Height) Size(Table table, (List<ColumnRow> Shown, int Hidden) rows)
    {
        var longest = Math.Max(HtmlText.Truncate(table.QualifiedName, MaxChars).Length + 4,
            rows.Shown.Count == 0 ? 0 : rows.Shown.Max(r => r.Text.Length + (r.Keys.Length == 0 ? 1 : r.Keys.Length + 3)));
        var lines = rows.Shown.Count + (rows.Hidden > 0 ? 1 : 0);
        return (Math.Round(Math.Max(120, longest * CharWidth + 2 * Padding)), HeaderHeight + Math.Max(1, lines) * RowHeight + 6);
    }

    private static void AppendTable(StringBuilder svg, SchemaGraph graph, int index, Box box, (List<ColumnRow> Shown, int Hidden) rows, TableMarks marks)
    {
        var table = graph.Tables[index];
        var classes = "er-table" + (marks.Critical > 0 ? " has-critical" : marks.Total > 0 ? " has-findings" : "");
        var key = HtmlText.Escape(SchemaGraph.Key(table.QualifiedName));
        svg.Append($"<g class=\"{classes}\" id=\"table-{index}\" data-table=\"{key}\" tabindex=\"0\" transform=\"translate({HtmlText.Number(box.X)},{HtmlText.Number(box.Y)})\">");
        svg.Append($"<title>{HtmlText.Escape(table.QualifiedName)}: {marks.Total} finding(s), {marks.Critical} critical. Click to show its findings.</title>");
        svg.Append($"<rect class=\"er-box\" width=\"{HtmlText.Number(box.Width)}\" height=\"{HtmlText.Number(box.Height)}\" rx=\"5\"/>");
        svg.Append($"<rect class=\"er-head\" width=\"{HtmlText.Number(box.Width)}\" height=\"{HtmlText.Number(HeaderHeight)}\" rx=\"5\"/>");
        svg.Append($"<text class=\"er-name\" x=\"{HtmlText.Number(Padding)}\" y=\"17\">{HtmlText.Escape(HtmlText.Truncate(table.QualifiedName, MaxChars))}</text>");
        if (marks.Total > 0)
        {
            var cx = box.Width - 12;
            svg.Append($"<circle class=\"er-badge\" cx=\"{HtmlText.Number(cx)}\" cy=\"13\" r=\"9\"/><text class=\"er-badge-text\" x=\"{HtmlText.Number(cx)}\" y=\"17\" text-anchor=\"middle\">{marks.Total}</text>");
        }
        var y = HeaderHeight + RowHeight - 4;
        foreach (var row in rows.Shown)
        {
            var keyClass = row.Keys.Contains("PK", StringComparison.Ordinal) ? " er-pk" : row.Keys.Length > 0 ? " er-fk" : "";
            svg.Append($"<text class=\"er-col{keyClass}\" x=\"{HtmlText.Number(Padding)}\" y=\"{HtmlText.Number(y)}\">{HtmlText.Escape(row.Text)}</text>");
            if (row.Keys.Length > 0)
                svg.Append($"<text class=\"er-key\" x=\"{HtmlText.Number(box.Width - Padding)}\" y=\"{HtmlText.Number(y)}\" text-anchor=\"end\">{row.Keys}</text>");
            y += RowHeight;
        }
        if (rows.Hidden > 0)
            svg.Append($"<text class=\"er-more\" x=\"{HtmlText.Number(Padding)}\" y=\"{HtmlText.Number(y)}\">… {rows.Hidden} more column(s)</text>");
        svg.Append("</g>\n");
    }

    private static void AppendEdge(StringBuilder svg, SchemaGraph graph, GraphEdge edge, IReadOnlyDictionary<int, Box> boxes)
    {
        var child = boxes[edge.Child];
        var parent = boxes[edge.Parent];
        var fk = edge.ForeignKey;
        var cascade = fk.OnDelete == ReferentialAction.Cascade;
        var title = $"{graph.Tables[edge.Child].QualifiedName}.{string.Join(", ", fk.Columns)} → {graph.Tables[edge.Parent].QualifiedName}"
            + (fk.OnDelete == ReferentialAction.Unspecified ? "" : $" ON DELETE {fk.OnDelete.ToSql()}");
        string path;
        if (edge.Child == edge.Parent)
        {
            // Self-reference: a loop on the right side of the box.
            double x = child.X + child.Width, y = child.Y + HeaderHeight / 2;
            path = $"M{N(x)},{N(y + 8)} C{N(x + 40)},{N(y + 8)} {N(x + 40)},{N(y - 14)} {N(x)},{N(y - 4)}";
        }
        else if (child.Y >= parent.Bottom)
        {
            path = Vertical(child.CenterX, child.Y, parent.CenterX, parent.Bottom);
        }
        else if (child.Bottom <= parent.Y)
        {
            path = Vertical(child.CenterX, child.Bottom, parent.CenterX, parent.Y);
        }
        else
        {
            // Same row: side to side.
            var leftToRight = child.X < parent.X;
            double x1 = leftToRight ? child.X + child.Width : child.X, x2 = leftToRight ? parent.X : parent.X + parent.Width;
            double y1 = child.Y + HeaderHeight / 2, y2 = parent.Y + HeaderHeight / 2, mid = (x1 + x2) / 2;
            path = $"M{N(x1)},{N(y1)} C{N(mid)},{N(y1)} {N(mid)},{N(y2)} {N(x2)},{N(y2)}";
        }
        svg.Append($"<path class=\"er-edge{(cascade ? " er-cascade" : "")}\" data-from=\"table-{edge.Child}\" data-to=\"table-{edge.Parent}\" d=\"{path}\" marker-end=\"url(#arrow)\"><title>{HtmlText.Escape(title)}</title></path>\n");
    }

    private static string Vertical(double x1, double y1, double x2, double y2)
    {
        var mid = (y1 + y2) / 2;
        return $"M{N(x1)},{N(y1)} C{N(x1)},{N(mid)} {N(x2)},{N(mid)} {N(x2)},{N(y2)}";
    }

    private static string N(double value) => HtmlText.Number(Math.Round(value, 1));
}
