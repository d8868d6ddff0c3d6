using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Rules;

namespace SchemaAudit.Tests.Rules.Integrity;

/// <summary>
/// Builds unified-model objects in code, so rule logic is tested without any front-end.
/// Every object gets a span at the line given, in <c>models.py</c>.
/// </summary>
internal static class TestModel
{
    public const string File = "models.py";

    public static SourceSpan At(int line) => SourceSpan.At(File, line, 5);

    public static Column Col(string name, LogicalType type = LogicalType.Int32, bool nullable = true, bool pk = false, int line = 1) =>
        new() { Name = name, Type = type, Nullable = nullable && !pk, IsPrimaryKey = pk, Span = At(line) };

    public static Table Tbl(string name, int line, params Column[] columns)
    {
        var table = new Table { Name = name, Span = At(line) };
        table.Columns.AddRange(columns);
        var pk = columns.Where(c => c.IsPrimaryKey).Select(c => c.Name).ToList();
        if (pk.Count > 0)
        {
            table.PrimaryKey = new PrimaryKey { Span = At(line) };
            table.PrimaryKey.Columns.AddRange(pk);
        }
        return table;
    }

    public static ForeignKey Fk(string column, string target, ReferentialAction onDelete = ReferentialAction.Unspecified, int line = 1)
    {
        var dot = target.LastIndexOf('.');
        var fk = new ForeignKey { TargetTable = target[..dot], OnDelete = onDelete, Span = At(line) };
        fk.Columns.Add(column);
        fk.TargetColumns.Add(target[(dot + 1)..]);
        return fk;
    }

    public static Entity Ent(string name, string? table, params string[] bases)
    {
        var entity = new Entity { Name = name, TableName = table };
        entity.Bases.AddRange(bases.Length == 0 ? ["Base"] : bases);
        return entity;
    }

    public static Relationship Rel(string owner, string attribute, string? target, int line, string? backPopulates = null) =>
        new() { OwnerEntity = owner, Attribute = attribute, TargetEntity = target, BackPopulates = backPopulates, Span = At(line) };

    /// <summary>Maps each entity to its table and records its attributes (columns and relationships).</summary>
    public static Schema Link(Schema schema)
    {
        foreach (var entity in schema.Entities)
        {
            if (entity.TableName is { } t && schema.FindTable(t) is { } table)
            {
                table.Entity ??= entity;
                foreach (var c in table.Columns) entity.AttributeNames.Add(c.Name);
            }
            foreach (var r in schema.Relationships.Where(r => r.OwnerEntity == entity.Name))
            {
                entity.AttributeNames.Add(r.Attribute);
                r.OwnerTable ??= entity.TableName;
            }
        }
        return schema;
    }

    public static List<Finding> Run<TRule>(Schema schema) where TRule : Rule, new() =>
        [.. new TRule().Check(new RuleContext(schema))];

    public static List<int> Lines(this IEnumerable<Finding> findings) => [.. findings.Select(f => f.Span.Line).Order()];
}
