using SchemaAudit.Model;

namespace SchemaAudit.Rules;

/// <summary>
/// The read-only model plus lookups built once, so that no rule needs to compare every
/// table with every table (every pass stays linear in the size of the schema).
/// </summary>
public sealed class RuleContext
{
    private readonly Dictionary<string, Table> _tablesByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Entity> _entitiesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Table Table, ForeignKey Fk)>> _fksByTarget = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Relationship>> _relationshipsByOwner = new(StringComparer.Ordinal);
    private readonly HashSet<(string Table, string Column)> _hookedColumns = [];
    private readonly HashSet<string> _hookedColumnsAnyTable = new(StringComparer.OrdinalIgnoreCase);

    public RuleContext(Schema schema) : this(schema, []) { }

    /// <param name="schema">The view the rules check.</param>
    /// <param name="otherViews">The project's other views of the same schema (models, migrations, live database), for facts
    /// that only another view holds, e.g. an index created in a migration but not declared on the model.</param>
    public RuleContext(Schema schema, IReadOnlyList<Schema> otherViews)
    {
        Schema = schema;
        OtherViews = otherViews;
        foreach (var table in schema.Tables)
        {
            _tablesByName.TryAdd(table.Name, table);
            _tablesByName.TryAdd(table.QualifiedName, table);
            foreach (var fk in table.ForeignKeys)
            {
                var target = StripSchema(fk.TargetTable);
                if (!_fksByTarget.TryGetValue(target, out var list))
                    _fksByTarget[target] = list = [];
                list.Add((table, fk));
            }
        }
        foreach (var entity in schema.Entities)
            _entitiesByName.TryAdd(entity.Name, entity);
        foreach (var rel in schema.Relationships)
        {
            if (rel.Secondary is { } secondary) SecondaryTables.Add(StripSchema(secondary));
            if (!_relationshipsByOwner.TryGetValue(rel.OwnerEntity, out var list))
                _relationshipsByOwner[rel.OwnerEntity] = list = [];
            list.Add(rel);
        }
        foreach (var hook in schema.UpdateHooks)
        {
            if (hook.Table is null) _hookedColumnsAnyTable.Add(hook.Column);
            else _hookedColumns.Add((hook.Table.ToLowerInvariant(), hook.Column.ToLowerInvariant()));
        }
    }

    public Schema Schema { get; }

    /// <summary>Tables some ORM relationship uses as its many-to-many <c>secondary</c>: the ORM writes and deletes their rows.</summary>
    public HashSet<string> SecondaryTables { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The project's other views (never <see cref="Schema"/> itself); empty when there is one view.</summary>
    public IReadOnlyList<Schema> OtherViews { get; }

    /// <summary>True when the source can express ORM facts (loading strategies, annotations).</summary>
    public bool HasOrmFacts => Schema.SourceKind == SchemaSourceKind.OrmModels;

    public Table? FindTable(string name) =>
        _tablesByName.TryGetValue(name, out var t) ? t
        : _tablesByName.TryGetValue(StripSchema(name), out t) ? t : null;

    public Entity? FindEntity(string name) => _entitiesByName.GetValueOrDefault(name);

    /// <summary>Foreign keys (with their owning table) that point at <paramref name="tableName"/>.</summary>
    public IReadOnlyList<(Table Table, ForeignKey Fk)> ForeignKeysTo(string tableName) =>
        _fksByTarget.TryGetValue(StripSchema(tableName), out var list) ? list : [];

    public IReadOnlyList<Relationship> RelationshipsOf(string entityName) =>
        _relationshipsByOwner.TryGetValue(entityName, out var list) ? list : [];

    /// <summary>True when an event listener or trigger keeps this column up to date.</summary>
    public bool HasUpdateHook(string table, string column) =>
        _hookedColumnsAnyTable.Contains(column) || _hookedColumns.Contains((table.ToLowerInvariant(), column.ToLowerInvariant()));

    private static string StripSchema(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }
}
