using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>A mapped class with the entity and table it produced.</summary>
internal sealed class MappedClass(ClassInfo cls, ClassMapping mapping, Entity entity, TableBuilder table)
{
    public ClassInfo Class { get; } = cls;
    public ClassMapping Mapping { get; } = mapping;
    public Entity Entity { get; } = entity;
    public TableBuilder Table { get; } = table;
}

/// <summary>Everything extracted so far, with the lookups the linker needs (built once, by name).</summary>
internal sealed class ModelRegistry
{
    private readonly Dictionary<string, TableBuilder> _tablesByName = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<ClassInfo, MappedClass> Classes { get; } = [];

    /// <summary><c>Table(...)</c> calls by their node, so a variable naming one finds its table.</summary>
    public Dictionary<PyCall, TableBuilder> CoreTables { get; } = new(ReferenceEqualityComparer.Instance);
    public List<TableBuilder> Tables { get; } = [];
    public List<Entity> Entities { get; } = [];

    public void AddTable(TableBuilder table)
    {
        Tables.Add(table);
        _tablesByName.TryAdd(table.Table.Name, table);
        _tablesByName.TryAdd(table.Table.QualifiedName, table);
    }

    /// <summary>Re-registers names after <c>__table_args__</c> set a schema.</summary>
    public void IndexName(TableBuilder table) => _tablesByName.TryAdd(table.Table.QualifiedName, table);

    public TableBuilder? FindTable(string name)
    {
        if (_tablesByName.TryGetValue(name, out var t)) return t;
        var dot = name.LastIndexOf('.');
        return dot > 0 && _tablesByName.TryGetValue(name[(dot + 1)..], out t) ? t : null;
    }

    public TableBuilder? BuilderOf(ClassInfo cls) => Classes.TryGetValue(cls, out var m) ? m.Table : null;

    public MappedClass? MappedOf(ClassInfo? cls) => cls is not null && Classes.TryGetValue(cls, out var m) ? m : null;

    /// <summary>The table a symbol designates: a mapped class, <c>X.__table__</c>, or a variable holding <c>Table(...)</c>.</summary>
    public TableBuilder? BuilderOf(Symbol? symbol) => symbol switch
    {
        ClassSymbol cs => BuilderOf(cs.Class),
        MemberSymbol { Owner: ClassSymbol cs, Name: "__table__" } => BuilderOf(cs.Class),
        VariableSymbol { Value: PyCall call } => CoreTables.GetValueOrDefault(call),
        _ => null,
    };
}
