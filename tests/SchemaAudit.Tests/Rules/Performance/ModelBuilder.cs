using SchemaAudit.Analysis;
using SchemaAudit.Model;
using SchemaAudit.Rules;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Tests.Rules;

/// <summary>Small helpers to build unified-model objects in code, so rule logic is tested without any front-end.</summary>
internal static class ModelBuilder
{
    public const string File = "app/models.py";

    public static SourceSpan Line(int line, string path = File) => SourceSpan.At(path, line, 5);

    public static Table Table(string name, int line = 1, params Column[] columns)
    {
        var table = new Table { Name = name, Span = Line(line) };
        table.Columns.AddRange(columns);
        return table;
    }

    public static Column Col(string name, LogicalType type = LogicalType.Text, int line = 2, string? typeAsWritten = null) =>
        new() { Name = name, Type = type, Span = Line(line), TypeAsWritten = typeAsWritten ?? type.ToString() };

    public static Table WithPrimaryKey(this Table table, params string[] columns)
    {
        table.PrimaryKey = new PrimaryKey { Span = table.Span };
        table.PrimaryKey.Columns.AddRange(columns);
        return table;
    }

    public static Index Idx(string? name, int line, params string[] columns)
    {
        var index = new Index { Name = name, Span = Line(line) };
        index.Columns.AddRange(columns);
        index.IsExpression.AddRange(columns.Select(_ => false));
        return index;
    }

    public static UniqueConstraint Unique(string? name, int line, params string[] columns)
    {
        var uc = new UniqueConstraint { Name = name, Span = Line(line) };
        uc.Columns.AddRange(columns);
        return uc;
    }

    public static ForeignKey Fk(string target, int line, string[] columns, string[]? targetColumns = null, ReferentialAction onDelete = ReferentialAction.Cascade)
    {
        var fk = new ForeignKey { TargetTable = target, Span = Line(line), OnDelete = onDelete };
        fk.Columns.AddRange(columns);
        fk.TargetColumns.AddRange(targetColumns ?? ["id"]);
        return fk;
    }

    public static Schema Schema(params Table[] tables)
    {
        var schema = new Schema();
        schema.Tables.AddRange(tables);
        return schema;
    }

    public static List<Finding> Run(Rule rule, Schema schema) => [.. rule.Check(new RuleContext(schema))];
}
