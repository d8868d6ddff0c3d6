using SchemaAudit.Model;
using ModelIndex = SchemaAudit.Model.Index;

namespace SchemaAudit.EfCore.Modeling;

/// <summary>
/// Turns an EF model into tables as EF's relational mapping makes them: table per hierarchy (or per
/// type / per concrete type), owned types in their owner's table, shadow foreign keys, join tables for
/// skip navigations, and the index EF adds on every foreign key not already led by another index or key.
/// </summary>
internal sealed class RelationalWriter(EfModelBuilder model, EfProvider provider, bool multipleProviders, bool lazyProxies, Schema schema)
{
    private readonly Dictionary<string, Table> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<EfEntity, Table?> _tableOf = [];

    public void Write()
    {
        var entities = model.Entities.Where(e => !e.IsJoinEntity || HasConfiguredRelationships(e)).OrderBy(e => e.Span.Path, StringComparer.Ordinal).ThenBy(e => e.Span.Line).ToList();
        foreach (var entity in entities) TableOf(entity);
        foreach (var entity in entities) WriteColumns(entity);
        foreach (var entity in entities) WriteKey(entity);
        foreach (var relationship in model.Relationships) WriteRelationship(relationship);
        foreach (var entity in entities) WriteIndexes(entity);
        foreach (var table in _tables.Values) AddForeignKeyIndexes(table);
        foreach (var table in _tables.Values) SizeKeyStrings(table);
        foreach (var entity in entities.Where(e => !e.IsOwned && !e.IsJoinEntity && e.Clr is not null)) WriteEntity(entity);
    }

    /// <summary>
    /// Strings without a max length that take part in a key or an index get a bounded store type, as the
    /// SQL Server and MySQL providers size them (<c>nvarchar(450)</c>, <c>varchar(255)</c>): an index key cannot hold <c>max</c>.
    /// </summary>
    private void SizeKeyStrings(Table table)
    {
        var (unbounded, bounded) = provider switch
        {
            EfProvider.SqlServer => ("nvarchar(max)", "nvarchar(450)"),
            EfProvider.MySql => ("longtext", "varchar(255)"),
            _ => ((string?)null, (string?)null),
        };
        if (unbounded is null) return;
        var keyed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        keyed.UnionWith(table.PrimaryKey?.Columns ?? []);
        foreach (var index in table.Indexes) keyed.UnionWith(index.Columns);
        foreach (var unique in table.UniqueConstraints) keyed.UnionWith(unique.Columns);
        foreach (var fk in table.ForeignKeys) keyed.UnionWith(fk.Columns);
        foreach (var column in table.Columns)
            if (column.TypeAsWritten == unbounded && keyed.Contains(column.Name)) column.TypeAsWritten = bounded!;
    }

    private bool HasConfiguredRelationships(EfEntity join) => model.Relationships.Any(r => r.Dependent == join);

    private Table? TableOf(EfEntity entity)
    {
        if (_tableOf.TryGetValue(entity, out var known)) return known;
        _tableOf[entity] = null;
        Table? table;
        // Keyless entity types still map to a table (migrations create it) unless mapped to a view, query or function.
        if (entity.NoTable) table = null;
        else if (entity.IsOwned && !entity.OwnedMany && !entity.TableExplicit) table = entity.Owner is null ? null : TableOf(entity.Owner);
        else if (entity.Base is not null && StrategyOf(entity) == InheritanceStrategy.Tph) table = TableOf(entity.Root);
        else if (StrategyOf(entity) == InheritanceStrategy.Tpc && entity.Clr?.IsAbstract == true) table = null;
        else
        {
            var name = entity.TableName ?? entity.DbSetName ?? (entity.IsOwned ? OwnedTableName(entity) : entity.Name);
            table = GetOrAddTable(name, entity.Schema ?? model.DefaultSchema, entity.Span);
            table.IsAssociationTable = entity.IsJoinEntity;
        }
        _tableOf[entity] = table;
        return table;
    }

    private static string OwnedTableName(EfEntity owned)
    {
        var hash = owned.Name.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? owned.Name : owned.Name[(hash + 1)..];
    }

    private static InheritanceStrategy StrategyOf(EfEntity entity)
    {
        if (entity.Root.Strategy is { } strategy) return strategy;
        // ToTable on a derived type maps it to a table of its own (TPT), as EF 7+ does.
        return entity.Base is not null && entity.TableExplicit ? InheritanceStrategy.Tpt : InheritanceStrategy.Tph;
    }

    private Table GetOrAddTable(string name, string? schemaName, SourceSpan span)
    {
        if (_tables.TryGetValue(name, out var table)) return table;
        table = new Table { Name = name, SchemaName = schemaName, Span = span };
        _tables[name] = table;
        schema.Tables.Add(table);
        return table;
    }

    /// <summary>Column name of a property: <c>HasColumnName</c>, or the name, prefixed <c>Nav_</c> inside an owner's table.</summary>
    private static string ColumnName(EfEntity entity, EfProperty property)
    {
        var name = property.ColumnName ?? property.Name;
        for (var owned = entity; owned.IsOwned && !owned.OwnedMany && !owned.TableExplicit && owned.Owner is not null && property.ColumnName is null; owned = owned.Owner)
            name = owned.OwnerNavigation + "_" + name;
        return name;
    }

    private IEnumerable<EfProperty> Hierarchy(EfEntity entity)
    {
        for (var e = entity; e is not null; e = e.Base)
            foreach (var p in e.Properties) yield return p;
    }

    private EfProperty? FindInHierarchy(EfEntity entity, string name)
    {
        for (var e = entity; e is not null; e = e.Base)
            if (e.FindProperty(name) is { } p) return p;
        return null;
    }

    private List<string> KeyOf(EfEntity entity)
    {
        var root = entity.Root;
        if (root.Key is { Count: > 0 } key) return key;
        if (root.IsOwned) return root.OwnerForeignKey ?? [OwnerKeyName(root)];
        return [];
    }

    private string OwnerKeyName(EfEntity owned)
    {
        var ownerKey = owned.Owner is null ? "Id" : KeyOf(owned.Owner).FirstOrDefault() ?? "Id";
        return owned.OwnedMany || owned.Owner is null ? (owned.Owner?.Name ?? "Owner") + ownerKey : ownerKey;
    }

    private void WriteColumns(EfEntity entity)
    {
        var table = TableOf(entity);
        if (table is null) return;
        var isTphDerived = entity.Base is not null && StrategyOf(entity) == InheritanceStrategy.Tph;
        var optionalOwned = entity.IsOwned && !entity.OwnedMany && !entity.TableExplicit
                            && !model.RequiredOwnedNavigations.Contains((entity.Owner!, entity.OwnerNavigation!));
        IEnumerable<EfProperty> properties = StrategyOf(entity) == InheritanceStrategy.Tpc ? Hierarchy(entity).Reverse() : entity.Properties;
        if (entity.Base is not null && StrategyOf(entity) == InheritanceStrategy.Tpt)
            properties = KeyOf(entity).Select(k => FindInHierarchy(entity, k)).OfType<EfProperty>().Concat(entity.Properties);
        var key = KeyOf(entity);
        foreach (var property in properties)
        {
            var name = ColumnName(entity, property);
            if (table.FindColumn(name) is not null) continue;
            var isKey = key.Contains(property.Name, StringComparer.OrdinalIgnoreCase);
            var required = isKey || (property.Required ?? (!property.ClrNullable && property.ClrType is not null));
            if ((isTphDerived || optionalOwned) && !isKey) required = false;
            table.Columns.Add(MakeColumn(property, name, !required, isKey));
        }
        if (entity.Base is null && StrategyOf(entity) == InheritanceStrategy.Tph && model.Entities.Any(e => e.Base == entity))
        {
            var discriminator = entity.DiscriminatorName ?? "Discriminator";
            if (table.FindColumn(discriminator) is null)
            {
                var property = new EfProperty(discriminator) { ClrType = "string", IsShadow = true, Span = entity.Span, MaxLength = DiscriminatorLength(entity) };
                table.Columns.Add(MakeColumn(property, discriminator, nullable: false, isKey: false));
            }
        }
    }

    // EF sizes the discriminator at 1.4 times its longest value, leaving room for types added later.
    private int? DiscriminatorLength(EfEntity root) =>
        provider is EfProvider.SqlServer or EfProvider.MySql or EfProvider.Npgsql
            ? (int)Math.Ceiling(model.Entities.Where(e => e.Root == root).Max(e => e.Name.Length) * 1.4) : null;

    private Column MakeColumn(EfProperty property, string name, bool nullable, bool isKey)
    {
        var logical = StoreTypes.Logical(property, provider);
        var column = new Column
        {
            Name = name,
            Type = logical,
            TypeAsWritten = StoreTypes.StoreType(property, logical, provider, isKey),
            Length = logical == LogicalType.Text ? property.MaxLength : null,
            Nullable = nullable,
            IsPrimaryKey = isKey,
            Comment = property.Comment,
            Collation = property.Collation,
            Span = property.Span,
        };
        if (property.DefaultSql is { } sql) column.ServerDefault = new DefaultValue(sql, multipleProviders, property.Span);
        else if (property.DefaultValue is { } value) column.ServerDefault = new DefaultValue(value, false, property.Span);
        if (!property.IsShadow)
        {
            bool? annotationNullable = property.DeclaredType is null ? null
                : property.DeclaredType.EndsWith('?') ? true
                : EntityReader.IsValueType(property.ClrType ?? "") || property.IsEnum || property.NullableContext ? false : null;
            column.Attribute = new OrmAttribute(property.Name, property.DeclaredType, annotationNullable, property.Required is not null, property.Span);
        }
        return column;
    }

    private void WriteKey(EfEntity entity)
    {
        var table = TableOf(entity);
        if (table is null || table.PrimaryKey is not null) return;
        if (entity.IsOwned && !entity.OwnedMany && !entity.TableExplicit) return;
        if (entity.Base is not null && StrategyOf(entity) == InheritanceStrategy.Tph) return;
        var key = KeyOf(entity);
        if (entity.IsOwned && entity.OwnedMany && entity.Key is null)
        {
            // An owned collection is keyed by its owner's key plus a generated Id.
            var ownerKey = OwnerKeyName(entity);
            key = [ownerKey, "Id"];
            EnsureColumn(table, entity, ownerKey, OwnerKeyType(entity), nullable: false, isKey: true);
            EnsureColumn(table, entity, "Id", "int", nullable: false, isKey: true);
        }
        else if (entity.IsOwned)
        {
            foreach (var k in key) EnsureColumn(table, entity, k, OwnerKeyType(entity), nullable: false, isKey: true);
        }
        if (key.Count == 0) return;
        var primaryKey = new PrimaryKey { Name = $"PK_{table.Name}", Span = entity.KeySpan.IsNone ? entity.Span : entity.KeySpan };
        foreach (var k in key)
        {
            var property = FindInHierarchy(entity, k);
            var columnName = property is null ? k : ColumnName(entity, property);
            primaryKey.Columns.Add(columnName);
            if (table.FindColumn(columnName) is { } column)
            {
                column.IsPrimaryKey = true;
                column.Nullable = false;
                column.IsIdentity = key.Count == 1 && property is { ValueGeneratedNever: false, DefaultSql: null, ComputedSql: null }
                                    && column.Type is LogicalType.Int32 or LogicalType.Int64 or LogicalType.Int16
                                    && entity.Base is null && !entity.IsOwned && !IsForeignKeyProperty(entity, k);
            }
        }
        table.PrimaryKey = primaryKey;
        foreach (var alternate in entity.AlternateKeys)
        {
            var unique = new UniqueConstraint { Name = $"AK_{table.Name}_{string.Join('_', alternate)}", Span = entity.Span };
            unique.Columns.AddRange(alternate.Select(a => FindInHierarchy(entity, a) is { } p ? ColumnName(entity, p) : a));
            table.UniqueConstraints.Add(unique);
        }
        if (entity.Base is not null && StrategyOf(entity) == InheritanceStrategy.Tpt && TableOf(entity.Base) is { } baseTable)
        {
            var fk = new ForeignKey { Name = $"FK_{table.Name}_{baseTable.Name}_{string.Join('_', primaryKey.Columns)}", TargetTable = baseTable.Name, OnDelete = ReferentialAction.Cascade, Span = entity.Span };
            fk.Columns.AddRange(primaryKey.Columns);
            fk.TargetColumns.AddRange(baseTable.PrimaryKey?.Columns ?? primaryKey.Columns);
            table.ForeignKeys.Add(fk);
        }
        if (entity.IsOwned && entity.Owner is not null && TableOf(entity.Owner) is { } ownerTable && ownerTable != table)
        {
            var ownerKey = entity.OwnedMany ? [key[0]] : key;
            var fk = new ForeignKey { Name = $"FK_{table.Name}_{ownerTable.Name}_{string.Join('_', ownerKey)}", TargetTable = ownerTable.Name, OnDelete = ReferentialAction.Cascade, Span = entity.Span };
            fk.Columns.AddRange(ownerKey);
            fk.TargetColumns.AddRange(ownerTable.PrimaryKey?.Columns ?? ["Id"]);
            table.ForeignKeys.Add(fk);
        }
    }

    private string OwnerKeyType(EfEntity owned)
    {
        var owner = owned.Owner;
        if (owner is null) return "int";
        var key = KeyOf(owner).FirstOrDefault();
        return key is null ? "int" : FindInHierarchy(owner, key)?.ClrType ?? "int";
    }

    private bool IsForeignKeyProperty(EfEntity entity, string property) =>
        model.Relationships.Any(r => r.Dependent == entity && !r.ManyToMany && r.ForeignKey?.Contains(property) == true);

    private void EnsureColumn(Table table, EfEntity entity, string name, string clrType, bool nullable, bool isKey)
    {
        if (table.FindColumn(name) is not null) return;
        var property = new EfProperty(name) { ClrType = clrType, IsShadow = true, Span = entity.Span };
        table.Columns.Add(MakeColumn(property, name, nullable, isKey));
    }

    private void WriteRelationship(EfRelationship relationship)
    {
        if (relationship.ManyToMany)
        {
            WriteJoinTable(relationship);
            return;
        }
        var dependentTable = TableOf(relationship.Dependent);
        var principalTable = TableOf(relationship.Principal);
        if (dependentTable is null || principalTable is null) return;
        var principalKey = relationship.PrincipalKey ?? KeyOf(relationship.Principal);
        if (principalKey.Count == 0) return;
        var principalProperties = principalKey.Select(k => FindInHierarchy(relationship.Principal, k)).ToList();
        var fkNames = relationship.ForeignKey ?? DiscoverForeignKey(relationship, principalKey);

        var dependentNavigation = relationship.DependentNavigation is null ? null : relationship.Dependent.FindNavigation(relationship.DependentNavigation);
        var fkProperties = fkNames.Select(n => FindInHierarchy(relationship.Dependent, n)).ToList();
        var required = relationship.Required
                       ?? (fkProperties.All(p => p is { ClrType: not null } && (p.Required ?? !p.ClrNullable))
                           || dependentNavigation is { NonNullable: true } or { RequiredAttribute: true });
        var tphDerived = relationship.Dependent.Base is not null && StrategyOf(relationship.Dependent) == InheritanceStrategy.Tph;
        var columns = new List<string>();
        for (var i = 0; i < fkNames.Count; i++)
        {
            var property = fkProperties[i];
            var columnName = property is null ? fkNames[i] : ColumnName(relationship.Dependent, property);
            columns.Add(columnName);
            var column = dependentTable.FindColumn(columnName);
            if (column is null)
            {
                var principalProperty = i < principalProperties.Count ? principalProperties[i] : null;
                var shadow = new EfProperty(fkNames[i])
                {
                    ClrType = principalProperty?.ClrType ?? "int", MaxLength = principalProperty?.MaxLength, IsShadow = true,
                    Span = relationship.Span, Unicode = principalProperty?.Unicode, ColumnType = principalProperty?.ColumnType,
                };
                column = MakeColumn(shadow, columnName, nullable: !required || tphDerived, isKey: true);
                column.IsPrimaryKey = false;
                dependentTable.Columns.Add(column);
            }
            else if (required && !tphDerived && !OptionalOwnedColumn(relationship.Dependent)) column.Nullable = false;
        }
        var onDelete = relationship.OnDelete switch
        {
            DeleteBehavior.Cascade => ReferentialAction.Cascade,
            DeleteBehavior.SetNull => ReferentialAction.SetNull,
            DeleteBehavior.Restrict => ReferentialAction.Restrict,
            DeleteBehavior.NoAction or DeleteBehavior.ClientSetNull or DeleteBehavior.ClientCascade or DeleteBehavior.ClientNoAction => ReferentialAction.NoAction,
            // EF's documented defaults: a required relationship cascades; an optional one is ClientSetNull (EF nulls the
            // tracked dependents, the database is left at NO ACTION). Both are EF's stated behaviour, not an unstated one.
            _ => required ? ReferentialAction.Cascade : ReferentialAction.NoAction,
        };
        var fk = new ForeignKey
        {
            Name = relationship.ConstraintName ?? $"FK_{dependentTable.Name}_{principalTable.Name}_{string.Join('_', columns)}",
            TargetTable = principalTable.Name,
            OnDelete = onDelete,
            Span = relationship.OnDelete != DeleteBehavior.Default ? relationship.OnDeleteSpan : relationship.Span,
        };
        fk.Columns.AddRange(columns);
        fk.TargetColumns.AddRange(principalProperties.Select((p, i) => p is null ? principalKey[i] : ColumnName(relationship.Principal, p)));
        if (dependentTable.ForeignKeys.Any(f => f.Columns.SequenceEqual(fk.Columns, StringComparer.OrdinalIgnoreCase) && f.TargetTable == fk.TargetTable)) return;
        dependentTable.ForeignKeys.Add(fk);
        if (!relationship.PrincipalIsCollection && !IsKeyPrefix(dependentTable, columns))
            AddIndex(dependentTable, columns, unique: true, fk.Span);
    }

    private static bool OptionalOwnedColumn(EfEntity dependent) => dependent.IsOwned && !dependent.OwnedMany && !dependent.TableExplicit;

    /// <summary>EF's FK discovery: <c>&lt;nav&gt;&lt;key&gt;</c>, <c>&lt;nav&gt;Id</c>, <c>&lt;principal&gt;&lt;key&gt;</c>, <c>&lt;principal&gt;Id</c>; else a shadow property of the first form.</summary>
    private List<string> DiscoverForeignKey(EfRelationship relationship, List<string> principalKey)
    {
        var dependent = relationship.Dependent;
        var principalName = relationship.Principal.Clr?.Name ?? relationship.Principal.Name;
        var prefixes = new List<string>();
        if (relationship.DependentNavigation is { } navigation) prefixes.Add(navigation);
        prefixes.Add(principalName);
        if (!relationship.PrincipalIsCollection && relationship.PrincipalNavigation is null && relationship.DependentNavigation is null) prefixes.Add("");
        foreach (var prefix in prefixes)
        {
            var names = principalKey.Select(k => prefix + k).ToList();
            if (names.All(n => FindInHierarchy(dependent, n) is not null) && !(prefix.Length == 0)) return names.Select(n => FindInHierarchy(dependent, n)!.Name).ToList();
            if (principalKey.Count == 1 && FindInHierarchy(dependent, prefix + "Id") is { } byId && prefix.Length > 0) return [byId.Name];
        }
        // One-to-one with the dependent's key as the FK (shared primary key).
        if (!relationship.PrincipalIsCollection && relationship.ForeignKey is null && KeyOf(dependent) is { Count: > 0 } ownKey
            && relationship.DependentUndecided is false && FindInHierarchy(dependent, (relationship.DependentNavigation ?? principalName) + principalKey[0]) is null
            && prefixes.Count == 3)
            return ownKey;
        return principalKey.Select(k => (relationship.DependentNavigation ?? principalName) + k).ToList();
    }

    private void WriteJoinTable(EfRelationship relationship)
    {
        var left = relationship.Principal;
        var right = relationship.Dependent;
        if (relationship.JoinEntity is { IsJoinEntity: false }) return; // a class of its own: its relationships make its FKs.
        if (relationship.JoinEntity is { } configured && HasConfiguredRelationships(configured))
        {
            var configuredTable = TableOf(configured);
            if (configuredTable is not null && configuredTable.PrimaryKey is null && configured.Key is null)
            {
                var pk = new PrimaryKey { Name = $"PK_{configuredTable.Name}", Span = relationship.Span };
                pk.Columns.AddRange(configuredTable.ForeignKeys.SelectMany(f => f.Columns));
                configuredTable.PrimaryKey = pk;
            }
            return;
        }
        var leftTable = TableOf(left);
        var rightTable = TableOf(right);
        if (leftTable is null || rightTable is null) return;
        // EF names the join entity after both entity types in ordinal order.
        var (first, firstNav, second, secondNav) = string.CompareOrdinal(left.Name, right.Name) <= 0
            ? (left, relationship.DependentNavigation, right, relationship.PrincipalNavigation)
            : (right, relationship.PrincipalNavigation, left, relationship.DependentNavigation);
        var name = relationship.JoinTable ?? relationship.JoinEntity?.Name ?? first.Name + second.Name;
        var table = GetOrAddTable(name, model.DefaultSchema, relationship.Span);
        table.IsAssociationTable = true;
        var pkColumns = new List<string>();
        foreach (var (target, navigationToTarget) in new[] { (first, firstNav), (second, secondNav) })
        {
            var targetTable = TableOf(target)!;
            var key = KeyOf(target);
            var fk = new ForeignKey { TargetTable = targetTable.Name, OnDelete = ReferentialAction.Cascade, Span = relationship.Span };
            foreach (var k in key)
            {
                var column = (navigationToTarget ?? target.Name) + k;
                if (pkColumns.Contains(column)) column = target.Name + k;
                var keyProperty = FindInHierarchy(target, k);
                var shadow = new EfProperty(column) { ClrType = keyProperty?.ClrType ?? "int", MaxLength = keyProperty?.MaxLength, IsShadow = true, Span = relationship.Span };
                if (table.FindColumn(column) is null) table.Columns.Add(MakeColumn(shadow, column, nullable: false, isKey: true));
                fk.Columns.Add(column);
                fk.TargetColumns.Add(keyProperty is null ? k : ColumnName(target, keyProperty));
                pkColumns.Add(column);
            }
            fk.Name = $"FK_{name}_{targetTable.Name}_{string.Join('_', fk.Columns)}";
            table.ForeignKeys.Add(fk);
        }
        var primaryKey = new PrimaryKey { Name = $"PK_{name}", Span = relationship.Span };
        primaryKey.Columns.AddRange(pkColumns);
        table.PrimaryKey = primaryKey;
    }

    private void WriteIndexes(EfEntity entity)
    {
        var table = TableOf(entity);
        if (table is null) return;
        foreach (var index in entity.Indexes)
        {
            var columns = index.Properties.Select(p => FindInHierarchy(entity, p) is { } property ? ColumnName(entity, property) : p).ToList();
            var written = new ModelIndex { Name = index.Name ?? $"IX_{table.Name}_{string.Join('_', columns)}", IsUnique = index.Unique, Where = index.Filter, Method = index.Method, Span = index.Span };
            written.Columns.AddRange(columns);
            written.IsExpression.AddRange(columns.Select(_ => false));
            if (table.Indexes.Any(i => i.Columns.SequenceEqual(columns, StringComparer.OrdinalIgnoreCase) && i.Where == index.Filter)) continue;
            table.Indexes.Add(written);
        }
        foreach (var (name, sql, span) in entity.Checks)
            table.Checks.Add(new CheckConstraint { Name = name, Expression = sql, Span = span });
    }

    /// <summary>EF indexes every FK whose columns do not lead the primary key, an alternate key or another index.</summary>
    private static void AddForeignKeyIndexes(Table table)
    {
        foreach (var fk in table.ForeignKeys)
        {
            if (IsKeyPrefix(table, fk.Columns)) continue;
            AddIndex(table, fk.Columns, unique: false, fk.Span);
        }
    }

    private static bool IsKeyPrefix(Table table, List<string> columns)
    {
        bool Leads(IReadOnlyList<string> candidate) =>
            candidate.Count >= columns.Count && columns.Select((c, i) => string.Equals(candidate[i], c, StringComparison.OrdinalIgnoreCase)).All(x => x);
        return (table.PrimaryKey is { } pk && Leads(pk.Columns))
               || table.UniqueConstraints.Any(u => Leads(u.Columns))
               || table.Indexes.Any(i => Leads(i.Columns));
    }

    private static void AddIndex(Table table, List<string> columns, bool unique, SourceSpan span)
    {
        if (table.Indexes.Any(i => i.Columns.SequenceEqual(columns, StringComparer.OrdinalIgnoreCase))) return;
        var index = new ModelIndex { Name = $"IX_{table.Name}_{string.Join('_', columns)}", IsUnique = unique, Span = span };
        index.Columns.AddRange(columns);
        index.IsExpression.AddRange(columns.Select(_ => false));
        table.Indexes.Add(index);
    }

    private void WriteEntity(EfEntity entity)
    {
        var table = TableOf(entity);
        var written = new Entity { Name = entity.Name, TableName = table?.Name, IsAbstract = entity.Clr?.IsAbstract == true, Span = entity.Span };
        if (entity.Base is not null) written.Bases.Add(entity.Base.Name);
        foreach (var p in entity.Properties) written.AttributeNames.Add(p.Name);
        foreach (var n in entity.Navigations) written.AttributeNames.Add(n.Name);
        schema.Entities.Add(written);
        if (table is not null && table.Entity is null) table.Entity = written;
        foreach (var navigation in entity.Navigations)
        {
            var target = model.FindEntity(navigation.Target);
            var relationship = model.Relationships.Find(r => (r.Dependent == entity && r.DependentNavigation == navigation.Name) || (r.Principal == entity && r.PrincipalNavigation == navigation.Name));
            var inverse = relationship is null ? null : relationship.Dependent == entity && relationship.DependentNavigation == navigation.Name ? relationship.PrincipalNavigation : relationship.DependentNavigation;
            schema.Relationships.Add(new Relationship
            {
                OwnerEntity = entity.Name,
                OwnerTable = table?.Name,
                Attribute = navigation.Name,
                TargetEntity = target?.Name,
                TargetTable = target is null ? null : TableOf(target)?.Name,
                Kind = relationship?.ManyToMany == true ? RelationshipKind.ManyToMany
                    : navigation.IsCollection ? RelationshipKind.OneToMany
                    : relationship is { PrincipalIsCollection: false } ? RelationshipKind.OneToOne : RelationshipKind.ManyToOne,
                IsCollection = navigation.IsCollection,
                BackPopulates = inverse,
                // Without lazy-loading proxies EF loads nothing implicitly (Include or explicit loading); with them, virtual navigations load on first touch.
                Lazy = lazyProxies && navigation.IsVirtual ? (navigation.IsCollection ? null : "select") : "explicit",
                Span = navigation.Span,
            });
        }
    }
}
