using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>
/// Turns the parsed modules of a project into tables, entities and relationships: classifies
/// classes, reads their attributes (own and inherited from mixins), reads <c>Table(...)</c>,
/// module-level indexes and event listeners, then links names across files.
/// </summary>
internal sealed class ModelExtractor
{
    private static readonly HashSet<string> s_relationshipCalls = new(StringComparer.Ordinal) { "relationship", "Relationship", "relation", "dynamic_loader" };
    private static readonly HashSet<string> s_namedOnlyCalls = new(StringComparer.Ordinal)
    {
        "column_property", "synonym", "composite", "association_proxy", "query_expression", "hybrid_property", "deferred_column",
    };

    private readonly ProjectIndex _index;
    private readonly ExtractionDiagnostics _diagnostics = new();
    private readonly ModelClassifier _classifier;
    private readonly TypeMapper _types;
    private readonly ColumnReader _columns;
    private readonly ConstraintReader _constraints;
    private readonly DialectVotes _dialect = new();
    private readonly ModelRegistry _registry = new();
    private readonly List<RelationshipDraft> _relationships = [];
    private readonly HashSet<ClassInfo> _inProgress = [];

    public ModelExtractor(IReadOnlyList<ModuleInfo> modules)
    {
        _index = new ProjectIndex(modules);
        _classifier = new ModelClassifier(_index, _diagnostics.Items);
        _types = new TypeMapper(_index);
        _columns = new ColumnReader(_index, _types, _diagnostics);
        _constraints = new ConstraintReader(_index, _columns, _dialect, _diagnostics, _registry);
    }

    /// <summary>Paths of modules that declared at least one table or entity.</summary>
    public HashSet<string> ModelPaths { get; } = new(StringComparer.Ordinal);

    public void Extract(Schema schema)
    {
        foreach (var module in _index.Modules)
        {
            _dialect.VoteImports(module);
            foreach (var stmt in module.Ast.Body)
            {
                try
                {
                    switch (stmt)
                    {
                        case PyAssign { Value: PyCall call } assign when _index.ApiName(module, call) == "Table" && assign.Targets.Count > 0:
                            ExtractCoreTable(module, call, assign.Targets[0]);
                            break;
                        case PyClassDef cls when FindClass(module, cls) is { } info:
                            ExtractClass(info);
                            break;
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _diagnostics.Warning(module.Ast.SpanOf(stmt), $"could not read this statement ({ex.GetType().Name}: {ex.Message}); skipped");
                }
            }
        }

        // Module-level Index(...) and listeners need every class of every module.
        var listeners = new EventListenerReader(_index, _registry);
        foreach (var module in _index.Modules)
        {
            ReadModuleIndexes(module);
            listeners.Read(module, schema.UpdateHooks);
        }

        var linker = new ModelLinker(_index, _registry, _diagnostics);
        linker.LinkForeignKeys();
        linker.LinkRelationships(_relationships);
        linker.MarkAssociationTables();
        SearchableIndexes.Add(_index.Modules, _registry.Tables);

        foreach (var table in _registry.Tables)
        {
            table.Finish();
            schema.Tables.Add(table.Table);
        }
        schema.Entities.AddRange(_registry.Entities);
        schema.Relationships.AddRange(_relationships.Select(r => r.Model));
        foreach (var e in _types.Enums.Values.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (!schema.Enums.Exists(x => x.Name == e.Name)) schema.Enums.Add(e);
        }
        schema.Dialect ??= _dialect.Decide();
        schema.Diagnostics.AddRange(_diagnostics.Items);
    }

    private static ClassInfo? FindClass(ModuleInfo module, PyClassDef def) => module.ClassByDefinition.GetValueOrDefault(def);

    private void ExtractCoreTable(ModuleInfo module, PyCall call, PyExpr target)
    {
        var table = _constraints.ReadCoreTable(module, call, module.Ast.SpanOf(target));
        if (table is null) return;
        _registry.CoreTables[call] = table;
        _registry.AddTable(table);
        ModelPaths.Add(module.Path);
    }

    /// <summary>Extracts a class once, its mapped parent first (it may live in a later file).</summary>
    private MappedClass? ExtractClass(ClassInfo cls)
    {
        if (_registry.Classes.TryGetValue(cls, out var done)) return done;
        if (!_inProgress.Add(cls)) return null;
        try
        {
            var mapping = _classifier.Classify(cls);
            if (mapping.Kind == MappingKind.Abstract)
            {
                _registry.Entities.Add(NewEntity(cls, null, isAbstract: true));
                return null;
            }
            if (!mapping.IsMapped) return null;
            return ExtractMapped(cls, mapping);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _diagnostics.Warning(cls.Span, $"could not read class `{cls.Name}` ({ex.GetType().Name}: {ex.Message}); skipped");
            return null;
        }
        finally
        {
            _inProgress.Remove(cls);
        }
    }

    private MappedClass? ExtractMapped(ClassInfo cls, ClassMapping mapping)
    {
        var parent = mapping.MappedParent is { } p ? ExtractClass(p) : null;
        TableBuilder table;
        if (mapping.Kind == MappingKind.SingleTableChild)
        {
            if (parent is null) return null;
            table = parent.Table;
        }
        else
        {
            table = cls.Specials.TryGetValue("__table__", out var explicitTable) && explicitTable.Value is PyCall tableCall
                ? _constraints.ReadCoreTable(cls.Module, tableCall, cls.Span) ?? new TableBuilder(new Table { Name = mapping.TableName!, Span = cls.Span })
                : new TableBuilder(new Table { Name = mapping.TableName!, Span = cls.Span });
            _registry.AddTable(table);
        }

        var entity = NewEntity(cls, table.Table.Name, isAbstract: false);
        table.Table.Entity ??= entity;
        if (parent is not null) entity.AttributeNames.UnionWith(parent.Entity.AttributeNames);
        var mapped = new MappedClass(cls, mapping, entity, table);
        _registry.Classes[cls] = mapped;
        _registry.Entities.Add(entity);
        ModelPaths.Add(cls.Module.Path);

        var annotationMap = TypeAnnotationMap.Read(ModelClassifier.FindSpecial(mapping.Mro, "type_annotation_map"));
        foreach (var attr in EffectiveAttributes(mapping.Contributors))
        {
            try
            {
                ReadAttribute(mapped, attr, mapping.Flavor, annotationMap);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _diagnostics.Warning(attr.Owner.Module.Ast.SpanOf(attr.NameNode), $"could not read attribute `{cls.Name}.{attr.Name}` ({ex.GetType().Name}); skipped");
            }
        }

        if (mapping.Kind == MappingKind.Table && ModelClassifier.FindSpecial(mapping.Contributors, "__table_args__") is { } tableArgs)
        {
            _constraints.ReadTableArgs(tableArgs, table);
            _registry.IndexName(table);
        }
        return mapped;
    }

    private static Entity NewEntity(ClassInfo cls, string? tableName, bool isAbstract)
    {
        var entity = new Entity { Name = cls.Name, TableName = tableName, IsAbstract = isAbstract, HasDoc = cls.Def.Docstring is not null, Span = cls.Span };
        foreach (var b in cls.Def.Bases)
        {
            if (b.Name is null && b.Star == 0) entity.Bases.Add(cls.Module.Ast.TextOf(b.Value));
        }
        return entity;
    }

    /// <summary>Attributes from the mixins and bases first, the class last: a redefinition replaces what it overrides, in place.</summary>
    private static List<AttrDef> EffectiveAttributes(IReadOnlyList<ClassInfo> contributors)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<AttrDef>();
        for (var i = contributors.Count - 1; i >= 0; i--)
        {
            foreach (var attr in contributors[i].Attributes)
            {
                if (byName.TryGetValue(attr.Name, out var at)) result[at] = attr;
                else
                {
                    byName[attr.Name] = result.Count;
                    result.Add(attr);
                }
            }
        }
        return result;
    }

    private void ReadAttribute(MappedClass mapped, AttrDef attr, DeclarativeFlavor flavor, TypeAnnotationMap? annotationMap)
    {
        var module = attr.Owner.Module;
        var entity = mapped.Entity;
        if (attr.Decorator == "hybrid_property")
        {
            entity.AttributeNames.Add(attr.Name);
            return;
        }
        var value = attr.Value;
        var api = value is PyCall c ? _index.ApiName(module, c) : null;
        if (api is "deferred" or "undefer" && value is PyCall deferredCall && deferredCall.PositionalAt(0) is PyCall innerColumn)
        {
            value = innerColumn;
            api = _index.ApiName(module, innerColumn);
        }
        // column_property(Column(...), Parent.col) maps a new column (joined inheritance sharing a name);
        // column_property(select(...)) stays a read-only SQL expression.
        else if (api == "column_property" && value is PyCall propertyCall && propertyCall.PositionalAt(0) is PyCall propertyColumn
            && _index.ApiName(module, propertyColumn) is "Column" or "mapped_column")
        {
            value = propertyColumn;
            api = _index.ApiName(module, propertyColumn);
        }

        if (api is "Column" or "mapped_column" || (api == "Field" && flavor == DeclarativeFlavor.SqlModel))
        {
            AddColumn(mapped, attr, (PyCall)value!, flavor, annotationMap);
            return;
        }
        if (value is PyCall helperCall && api is null && ColumnFromHelper(module, helperCall) is var (helperModule, returned))
        {
            AddColumn(mapped, attr, returned, flavor, annotationMap, helperModule);
            return;
        }
        if (api is not null && s_relationshipCalls.Contains(api))
        {
            entity.AttributeNames.Add(attr.Name);
            _relationships.Add(RelationshipReader.Read(mapped, attr, (PyCall)value!, api));
            return;
        }
        if (api is not null && s_namedOnlyCalls.Contains(api))
        {
            entity.AttributeNames.Add(attr.Name);
            return;
        }
        if (attr.Annotation is null || attr.Function is not null) return;

        // An annotation with no recognised value: Mapped[...] alone, a SQLModel field, or a helper call.
        var annotation = TypeAnnotation.Parse(module.Ast.TextOf(attr.Annotation));
        var inner = annotation.UnwrapMapped(out var wrapper);
        if (wrapper is null && flavor != DeclarativeFlavor.SqlModel) return;
        if (wrapper is "WriteOnlyMapped" or "DynamicMapped" || inner.LastName is "ClassVar" or "Final" || attr.Name.StartsWith('_')) return;
        if (attr.Name is "model_config") return;
        if (NamesMappedClass(module, inner.NonNull)) return;
        if (value is PyCall helper && api is null)
            _diagnostics.Info(module.Ast.SpanOf(helper), $"`{mapped.Class.Name}.{attr.Name}` is built by `{module.Ast.TextOf(helper.Func)}(...)`, which is not read; column inferred from its annotation");
        AddColumn(mapped, attr, null, flavor, annotationMap);
        if (mapped.Table.ColumnForAttribute(attr.Name) is { } column && value is not null and not PyCall && !PyExpressions.IsNone(value))
            column.ClientDefault ??= module.Ast.TextOf(value);
    }

    private bool NamesMappedClass(ModuleInfo module, TypeAnnotation type)
    {
        var name = type.IsCollection ? type.Element?.NonNull.Name : type.Name;
        if (string.IsNullOrEmpty(name)) return false;
        var cls = _index.ResolveClassText(module, name);
        if (cls is null || _types.IsEnumClass(cls)) return false;
        var kind = _classifier.Classify(cls).Kind;
        return kind is MappingKind.Table or MappingKind.SingleTableChild || (kind == MappingKind.None && _classifier.Classify(cls).Flavor != DeclarativeFlavor.None);
    }

    /// <summary>
    /// <c>id = primary_key("Query")</c> where the project function ends in <c>return Column(...)</c>:
    /// the column is the returned call, read in the helper's module. Only a final return is followed,
    /// and only one level deep, so reading stays linear and never guesses through control flow.
    /// </summary>
    private (ModuleInfo Module, PyCall Call)? ColumnFromHelper(ModuleInfo module, PyCall call)
    {
        if (_index.Resolve(module, call.Func) is not FunctionSymbol { Function: var function } helper) return null;
        if (function.Body.Count == 0 || function.Body[^1] is not PyReturn { Value: PyCall returned }) return null;
        return _index.ApiName(helper.Module, returned) is "Column" or "mapped_column" ? (helper.Module, returned) : null;
    }

    private void AddColumn(MappedClass mapped, AttrDef attr, PyCall? call, DeclarativeFlavor flavor, TypeAnnotationMap? annotationMap, ModuleInfo? callModule = null)
    {
        var draft = _columns.Read(new ColumnSource
        {
            Module = attr.Owner.Module,
            AttributeName = attr.Name,
            SpanNode = attr.NameNode,
            Annotation = attr.Annotation,
            Call = call,
            CallModule = callModule,
            Flavor = flavor,
            AnnotationMap = annotationMap,
        });
        if (mapped.Mapping.Kind == MappingKind.SingleTableChild && draft.Column.Attribute is { } attribute)
            draft.Column.Attribute = attribute with { OnSingleTableSubclass = true };
        mapped.Table.Add(draft);
        mapped.Entity.AttributeNames.Add(attr.Name);
    }

    private void ReadModuleIndexes(ModuleInfo module)
    {
        foreach (var stmt in module.Ast.Body)
        {
            var call = stmt switch
            {
                PyExprStmt { Value: PyCall c } => c,
                PyAssign { Value: PyCall c } => c,
                _ => null,
            };
            if (call is null || _index.ApiName(module, call) != "Index") continue;
            var index = _constraints.ReadIndex(module, call, null, out var owner);
            if (owner is null)
            {
                _diagnostics.Info(module.Ast.SpanOf(call), $"`Index({index.Name ?? ""})` at module level: cannot tell which table it belongs to; not read");
                continue;
            }
            owner.Table.Indexes.Add(index);
        }
    }
}
