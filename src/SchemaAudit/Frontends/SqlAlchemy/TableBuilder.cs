using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>A table being assembled from one or more classes (single-table inheritance) or a <c>Table(...)</c> call.</summary>
internal sealed class TableBuilder(Table table)
{
    private readonly Dictionary<string, Column> _byAttribute = new(StringComparer.Ordinal);
    private readonly HashSet<Column> _typeFromForeignKey = [];
    private readonly Dictionary<Column, bool?> _autoincrement = [];
    private readonly HashSet<Column> _nullableExplicit = [];

    public Table Table { get; } = table;
    public List<ForeignKeyDraft> ForeignKeys { get; } = [];
    public IReadOnlySet<Column> TypeFromForeignKey => _typeFromForeignKey;

    /// <summary>Set when the primary key comes from a <c>PrimaryKeyConstraint</c> rather than column flags.</summary>
    public bool HasExplicitPrimaryKey { get; set; }

    /// <summary>The column an ORM attribute maps (attribute names can differ from column names).</summary>
    public Column? ColumnForAttribute(string attribute) =>
        _byAttribute.TryGetValue(attribute, out var c) ? c : Table.FindColumn(attribute);

    public string ColumnName(string attributeOrColumn) => ColumnForAttribute(attributeOrColumn)?.Name ?? attributeOrColumn;

    public void Add(ColumnDraft draft)
    {
        var column = draft.Column;
        if (Table.FindColumn(column.Name) is { } existing)
        {
            // The same column declared twice (two single-table subclasses, an override): keep the first.
            if (column.Attribute is not null) _byAttribute.TryAdd(column.Attribute.Name, existing);
            return;
        }
        Table.Columns.Add(column);
        if (column.Attribute is not null) _byAttribute[column.Attribute.Name] = column;
        if (draft.TypeFromForeignKey) _typeFromForeignKey.Add(column);
        _autoincrement[column] = draft.Autoincrement;
        if (draft.NullableExplicit) _nullableExplicit.Add(column);
        foreach (var fk in draft.ForeignKeys)
        {
            Table.ForeignKeys.Add(fk.Model);
            ForeignKeys.Add(fk);
        }
        Table.Checks.AddRange(draft.Checks);

        if (column.IsPrimaryKey && !HasExplicitPrimaryKey)
        {
            Table.PrimaryKey ??= new PrimaryKey { Span = column.Span };
            Table.PrimaryKey.Columns.Add(column.Name);
        }
        if (draft.IndexFlag is { } indexSpan)
        {
            // unique=True together with index=True makes one unique index and no separate constraint.
            var index = new Model.Index
            {
                Name = $"ix_{Table.Name}_{column.Name}", IsUnique = draft.UniqueFlag is not null, Origin = IndexOrigin.ColumnFlag, Span = indexSpan,
            };
            index.Columns.Add(column.Name);
            index.IsExpression.Add(false);
            Table.Indexes.Add(index);
        }
        else if (draft.UniqueFlag is { } uniqueSpan)
        {
            var unique = new UniqueConstraint { FromColumnFlag = true, Span = uniqueSpan };
            unique.Columns.Add(column.Name);
            Table.UniqueConstraints.Add(unique);
        }
    }

    /// <summary>A <c>PrimaryKeyConstraint</c>: replaces column flags; its columns become NOT NULL unless told otherwise.</summary>
    public void SetPrimaryKey(PrimaryKey key)
    {
        HasExplicitPrimaryKey = true;
        Table.PrimaryKey = key;
        for (var i = 0; i < key.Columns.Count; i++)
        {
            var column = ColumnForAttribute(key.Columns[i]);
            if (column is null) continue;
            key.Columns[i] = column.Name;
            column.IsPrimaryKey = true;
            if (!_nullableExplicit.Contains(column)) column.Nullable = false;
        }
    }

    /// <summary>Final touches once every column is known.</summary>
    public void Finish()
    {
        // A single integer primary key without a FK is auto-incrementing unless autoincrement=False.
        if (Table.PrimaryKey is { Columns.Count: 1 } pk && Table.FindColumn(pk.Columns[0]) is { } key
            && key.Type.IsInteger() && _autoincrement.GetValueOrDefault(key) != false
            && !Table.ForeignKeys.Exists(fk => fk.Columns.Contains(key.Name, StringComparer.OrdinalIgnoreCase)))
            key.IsIdentity = true;
    }
}
