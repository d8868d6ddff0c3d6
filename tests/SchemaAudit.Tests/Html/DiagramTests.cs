using SchemaAudit.Model;
using SchemaAudit.Reporting.Html;

namespace SchemaAudit.Tests.Html;

/// <summary>The ER layout (readable, deterministic) and the cascade blast radius.</summary>
public sealed class DiagramTests
{
    /// <summary>A schema of <paramref name="count"/> tables: a few roots, each table referencing one or two earlier ones, some self-references.</summary>
    private static Schema Generated(int count)
    {
        var schema = new Schema();
        for (var i = 0; i < count; i++)
        {
            var table = new Table { Name = $"table_{i:D2}" };
            table.Columns.Add(new Column { Name = "id", IsPrimaryKey = true, Type = LogicalType.Int64 });
            for (var c = 0; c < i % 13; c++) table.Columns.Add(new Column { Name = $"column_{c}", Type = LogicalType.Text });
            if (i >= 4) AddFk(table, $"table_{(i * 7) % i:D2}", ReferentialAction.Cascade);
            if (i >= 9 && i % 3 == 0) AddFk(table, $"table_{i / 2:D2}", ReferentialAction.SetNull);
            if (i % 17 == 5) AddFk(table, table.Name, ReferentialAction.SetNull);
            schema.Tables.Add(table);
        }
        return schema;
    }

    private static void AddFk(Table table, string target, ReferentialAction onDelete)
    {
        var column = $"{target}_id";
        table.Columns.Add(new Column { Name = column, Type = LogicalType.Int64 });
        var fk = new ForeignKey { TargetTable = target, OnDelete = onDelete };
        fk.Columns.Add(column);
        fk.TargetColumns.Add("id");
        table.ForeignKeys.Add(fk);
    }

    [Fact]
    public void Fifty_tables_are_laid_out_without_overlap_parents_above_children()
    {
        var graph = new SchemaGraph(Generated(50));
        var sizes = graph.Tables.Select(t => (Width: 150.0 + t.Name.Length, Height: 40.0 + 17 * Math.Min(t.Columns.Count, 9))).ToList();
        var boxes = ErLayout.Compute(sizes, [.. graph.Edges.Select(e => (e.Child, e.Parent))]);

        Assert.Equal(50, boxes.Count);
        for (var a = 0; a < boxes.Count; a++)
            for (var b = a + 1; b < boxes.Count; b++)
                Assert.False(Overlap(boxes[a], boxes[b]), $"{graph.Tables[a]} overlaps {graph.Tables[b]}");
        foreach (var edge in graph.Edges.Where(e => e.Child != e.Parent))
            Assert.True(boxes[edge.Parent].Bottom <= boxes[edge.Child].Y, $"{graph.Tables[edge.Parent]} should be above {graph.Tables[edge.Child]}");
        Assert.True(boxes.Max(b => b.X + b.Width) < 2000, "no row is wider than a few screens");
    }

    [Fact]
    public void Two_thousand_tables_render()
    {
        var svg = ErDiagramSvg.Render(new SchemaGraph(Generated(2000)), new Dictionary<int, TableMarks>());
        Assert.Equal(2000, System.Text.RegularExpressions.Regex.Matches(svg, "<g class=\"er-table").Count);
        Assert.True(svg.Length < 5_000_000, $"{svg.Length} characters");
    }

    [Fact]
    public void Cycles_are_laid_out_too()
    {
        var boxes = ErLayout.Compute([(100, 50), (100, 50), (100, 50)], [(0, 1), (1, 2), (2, 0), (1, 1)]);
        Assert.Equal(3, boxes.Count);
        Assert.Equal(3, boxes.Select(b => (b.X, b.Y)).Distinct().Count());
    }

    [Fact]
    public void The_svg_is_deterministic_and_caps_columns()
    {
        var schema = Generated(50);
        var first = ErDiagramSvg.Render(new SchemaGraph(schema), new Dictionary<int, TableMarks>());
        var second = ErDiagramSvg.Render(new SchemaGraph(Generated(50)), new Dictionary<int, TableMarks>());
        Assert.Equal(first, second);
        Assert.Contains("more column(s)", first, StringComparison.Ordinal);
        Assert.Equal(50, System.Text.RegularExpressions.Regex.Matches(first, "<g class=\"er-table").Count);
    }

    [Fact]
    public void Blast_radius_follows_cascades_transitively_and_lists_set_null()
    {
        var schema = new Schema();
        foreach (var name in new[] { "accounts", "projects", "tasks", "comments", "audit_log" })
            schema.Tables.Add(new Table { Name = name });
        AddFk(schema.FindTable("projects")!, "accounts", ReferentialAction.Cascade);
        AddFk(schema.FindTable("tasks")!, "projects", ReferentialAction.Cascade);
        AddFk(schema.FindTable("comments")!, "tasks", ReferentialAction.Cascade);
        AddFk(schema.FindTable("audit_log")!, "tasks", ReferentialAction.SetNull);
        AddFk(schema.FindTable("accounts")!, "comments", ReferentialAction.Cascade); // a cycle must not loop
        var graph = new SchemaGraph(schema);

        var radius = CascadeBlastRadius.Compute(graph, schema);
        var fromAccounts = radius.ByTable[graph.IndexOf("accounts")!.Value];

        Assert.Equal(
            [("projects", 1, true), ("tasks", 2, true), ("comments", 3, true), ("audit_log", 3, false)],
            fromAccounts.Steps.Select(s => (graph.Tables[s.Table].Name, s.Depth, s.Deleted)));
        Assert.Equal("tasks.projects_id ON DELETE CASCADE", radius.Via(fromAccounts.Steps[1]));
        Assert.False(fromAccounts.Truncated);
        Assert.False(radius.ByTable.ContainsKey(graph.IndexOf("audit_log")!.Value));
    }

    [Fact]
    public void Orm_delete_cascades_count_too()
    {
        var schema = new Schema();
        schema.Tables.Add(new Table { Name = "orders" });
        schema.Tables.Add(new Table { Name = "order_lines" });
        schema.Relationships.Add(new Relationship
        {
            OwnerEntity = "Order", OwnerTable = "orders", Attribute = "lines", TargetTable = "order_lines", Cascade = "all, delete-orphan",
        });
        var graph = new SchemaGraph(schema);

        var radius = CascadeBlastRadius.Compute(graph, schema);
        var step = Assert.Single(radius.ByTable[graph.IndexOf("orders")!.Value].Steps);

        Assert.Equal("order_lines", graph.Tables[step.Table].Name);
        Assert.EndsWith("(ORM)", radius.Via(step), StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_nulled_by_one_path_and_deleted_by_another_counts_as_deleted()
    {
        var schema = new Schema();
        foreach (var name in new[] { "a", "b", "c", "d" })
            schema.Tables.Add(new Table { Name = name });
        AddFk(schema.FindTable("c")!, "a", ReferentialAction.SetNull);   // reached first, at depth 1, by SET NULL
        AddFk(schema.FindTable("b")!, "a", ReferentialAction.Cascade);
        AddFk(schema.FindTable("c")!, "b", ReferentialAction.Cascade);   // ... and deleted through b
        AddFk(schema.FindTable("d")!, "c", ReferentialAction.Cascade);   // so c's children go too
        var graph = new SchemaGraph(schema);

        var steps = CascadeBlastRadius.Compute(graph, schema).ByTable[graph.IndexOf("a")!.Value].Steps;

        Assert.All(steps, s => Assert.True(s.Deleted, graph.Tables[s.Table].Name));
        Assert.Equal(["b", "c", "d"], steps.Select(s => graph.Tables[s.Table].Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Long_cascade_chains_are_cut_so_the_work_stays_linear()
    {
        var schema = new Schema();
        const int Count = 2 * CascadeBlastRadius.MaxSteps;
        for (var i = 0; i < Count; i++)
        {
            var table = new Table { Name = $"t{i:D4}" };
            if (i > 0) AddFk(table, $"t{i - 1:D4}", ReferentialAction.Cascade);
            schema.Tables.Add(table);
        }
        var graph = new SchemaGraph(schema);

        var radius = CascadeBlastRadius.Compute(graph, schema);

        var first = radius.ByTable[graph.IndexOf("t0000")!.Value];
        Assert.True(first.Truncated);
        Assert.Equal(CascadeBlastRadius.MaxSteps, first.Steps.Count);
        Assert.True(radius.ByTable.Values.Sum(r => r.Steps.Count) <= Count * CascadeBlastRadius.MaxSteps);
        Assert.False(radius.ByTable[graph.IndexOf($"t{Count - 2:D4}")!.Value].Truncated);
    }

    private static bool Overlap(Box a, Box b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Bottom && b.Y < a.Bottom;
}
