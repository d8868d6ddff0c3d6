using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaAudit.EfCore.Syntax;
using SchemaAudit.Model;
using Diagnostic = SchemaAudit.Model.Diagnostic;
using DiagnosticSeverity = SchemaAudit.Model.DiagnosticSeverity;

namespace SchemaAudit.EfCore.Modeling;

/// <summary>
/// One DbContext's EF model, built as EF builds it: entity types from <c>DbSet</c>s, the fluent API and
/// navigations; then inheritance, keys, relationships and their foreign keys by EF's conventions.
/// </summary>
internal sealed class EfModelBuilder(CSharpSources sources, List<Diagnostic> diagnostics)
{
    private readonly Dictionary<string, EfEntity> _entities = new(StringComparer.Ordinal);
    private readonly HashSet<ClassInfo> _appliedConfigurations = [];
    private readonly EntityReader _reader = new(sources);

    public List<EfRelationship> Relationships { get; } = [];
    public HashSet<string> IgnoredTypes { get; } = new(StringComparer.Ordinal);
    public HashSet<string> OwnedTypes { get; } = new(StringComparer.Ordinal);
    public Dictionary<EfEntity, EfEntity> ExplicitBases { get; } = [];
    public List<(EfEntity Owner, string Navigation)> RequiredOwnedNavigations { get; } = [];
    public string? DefaultSchema { get; set; }
    public IEnumerable<EfEntity> Entities => _entities.Values;

    /// <summary>The entity type for a CLR type (or a shared-type name), created on first use with its class read.</summary>
    public EfEntity Entity(string name, SourceSpan span, string? clrName = null)
    {
        // Snapshots name types in full (Ns.Blog); owned types as Ns.Order.Address#Address.
        var simple = name.Contains('#', StringComparison.Ordinal) ? name : name[(name.LastIndexOf('.') + 1)..];
        if (_entities.TryGetValue(simple, out var existing)) return existing;
        var cls = clrName == "" ? null : sources.Resolve(clrName ?? simple, span);
        var entity = new EfEntity(simple, cls) { Span = cls is null ? span : cls.First.File.Span(cls.First.Syntax.Identifier) };
        _entities[simple] = entity;
        _reader.Read(entity);
        if (entity.IsOwned) OwnedTypes.Add(simple);
        return entity;
    }

    public EfEntity? FindEntity(string name) => _entities.GetValueOrDefault(name[(name.LastIndexOf('.') + 1)..]);

    /// <summary>An owned type reached through <paramref name="navigation"/> of <paramref name="owner"/>.</summary>
    public EfEntity Owned(EfEntity owner, string navigation, string typeName, bool many, SourceSpan span)
    {
        var key = $"{owner.Name}.{navigation}#{typeName[(typeName.LastIndexOf('.') + 1)..]}";
        if (!_entities.TryGetValue(key, out var owned))
        {
            owned = new EfEntity(key, sources.Resolve(typeName[(typeName.LastIndexOf('.') + 1)..], span)) { Span = span };
            _entities[key] = owned;
            _reader.Read(owned);
        }
        owned.IsOwned = true;
        owned.Owner = owner;
        owned.OwnerNavigation = navigation;
        owned.OwnedMany = many;
        owner.Navigations.RemoveAll(n => n.Name == navigation);
        return owned;
    }

    /// <summary><c>Property(x =&gt; x.P)</c>: the scalar, or a navigation turned into one (a value object with a conversion), or a new shadow property.</summary>
    public EfProperty ScalarFor(EfEntity entity, string name, SourceSpan span, string? clrType)
    {
        var property = entity.FindProperty(name);
        if (property is null && entity.FindNavigation(name) is { } navigation)
        {
            entity.Navigations.Remove(navigation);
            property = new EfProperty(name) { ClrType = navigation.Target, DeclaredType = navigation.Target, ClrNullable = !navigation.NonNullable, Span = navigation.Span, DeclaredIn = navigation.DeclaredIn };
            entity.Properties.Add(property);
        }
        property ??= entity.GetOrAddProperty(name, span);
        // Property("_cardNumber"): a backing field of the class, typed by its declaration.
        if (property.IsShadow && clrType is null && property.ClrType is null && BackingField(entity, name) is { } field)
        {
            var shape = TypeShape.Of(field.Type);
            property.ClrType = shape.Name;
            property.DeclaredType = shape.Written;
            property.IsEnum = sources.Enums.Contains(shape.Name);
            property.NullableContext = field.File.NullableAt(field.Type);
            property.ClrNullable = shape.QuestionMark || (!EntityReader.IsValueType(shape.Name) && !property.IsEnum && !property.NullableContext);
            property.Span = field.File.Span(field.Type.Parent!);
            property.IsShadow = false;
            // Data annotations on a backing field count as on the property ([Required] private string _alias).
            var fieldDeclaration = field.Type.Parent!.Parent as FieldDeclarationSyntax;
            foreach (var attribute in fieldDeclaration?.AttributeLists.SelectMany(l => l.Attributes) ?? [])
            {
                var attributeName = Expressions.AttributeName(attribute);
                if (attributeName == "Required") (property.Required, property.RequiredSpan) = (true, field.File.Span(attribute));
                else if (attributeName is "MaxLength" or "StringLength") property.MaxLength = Expressions.Int(Expressions.Positional(attribute).FirstOrDefault()?.Expression);
            }
        }
        if (property.IsShadow && clrType is not null)
        {
            property.ClrType = clrType;
            property.ClrNullable = !EntityReader.IsValueType(clrType) && !sources.Enums.Contains(clrType) || clrType.EndsWith('?');
        }
        return property;
    }

    private (TypeSyntax Type, CSharpFile File)? BackingField(EfEntity entity, string name)
    {
        for (var cls = entity.Clr; cls is not null; cls = _reader.BaseClass(cls, out _))
        {
            foreach (var (member, file) in cls.Members)
                if (member is FieldDeclarationSyntax field && field.Declaration.Variables.Any(v => v.Identifier.Text == name))
                    return (field.Declaration.Type, file);
        }
        return null;
    }

    public void Ignore(EfEntity entity, string member)
    {
        entity.Ignored.Add(member);
        entity.Properties.RemoveAll(p => p.Name == member);
        entity.Navigations.RemoveAll(n => n.Name == member);
    }

    public void ApplyConfiguration(ClassInfo configuration, SourceSpan span)
    {
        if (!_appliedConfigurations.Add(configuration)) return;
        var entityType = ConfiguredType(configuration);
        if (entityType is null)
        {
            diagnostics.Add(new Diagnostic(span, $"EF Core: `{configuration.Name}` is applied as a configuration but no IEntityTypeConfiguration<T> was found on it", DiagnosticSeverity.Info));
            return;
        }
        new FluentReader(this, sources).ReadConfiguration(configuration, Entity(entityType, span));
    }

    /// <summary><c>ApplyConfigurationsFromAssembly(typeof(X).Assembly)</c>: every configuration class of X's project (of the folder when X is unknown).</summary>
    public void ApplyAllConfigurations(string? assemblyType, SourceSpan span)
    {
        var anchor = assemblyType is null ? null : sources.Resolve(assemblyType, span);
        var project = anchor is null ? null : ProjectOf(anchor.First.File.Path);
        foreach (var cls in sources.Classes.OrderBy(c => c.First.File.Path, StringComparer.Ordinal))
        {
            if (cls.IsAbstract || ConfiguredType(cls) is null) continue;
            if (project is not null && ProjectOf(cls.First.File.Path) != project) continue;
            ApplyConfiguration(cls, span);
        }
    }

    private string ProjectOf(string path) => sources.ProjectOf(path);

    /// <summary>T of <c>IEntityTypeConfiguration&lt;T&gt;</c> on the class or a base class (through one generic base).</summary>
    public string? ConfiguredType(ClassInfo cls)
    {
        for (var (current, depth) = (cls, 0); current is not null && depth < 5; depth++)
        {
            foreach (var (type, _) in current.BaseTypes)
            {
                var generic = type as GenericNameSyntax ?? (type as QualifiedNameSyntax)?.Right as GenericNameSyntax;
                if (generic is null) continue;
                if (generic.Identifier.Text == "IEntityTypeConfiguration" && generic.TypeArgumentList.Arguments.Count == 1)
                {
                    var argument = TypeShape.SimpleName(generic.TypeArgumentList.Arguments[0]);
                    if (!current.TypeParameters.Contains(argument)) return argument;
                    // A generic base configuration: T is what the derived class passes.
                    return cls.BaseTypes.Select(b => b.Type).OfType<GenericNameSyntax>().Select(g => TypeShape.SimpleName(g.TypeArgumentList.Arguments[0])).FirstOrDefault();
                }
            }
            current = _reader.BaseClass(current, out _);
        }
        return null;
    }

    /// <summary>Extension methods of the folder named <paramref name="name"/> (helpers called on a builder).</summary>
    public IEnumerable<(Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax, CSharpFile)> ExtensionMethods(string name) =>
        sources.Classes.Where(c => c.IsStatic).SelectMany(c => c.Members)
            .Where(m => m.Member is MethodDeclarationSyntax method && method.Identifier.Text == name
                        && method.ParameterList.Parameters.FirstOrDefault()?.Modifiers.Any(SyntaxKind.ThisKeyword) == true);

    /// <summary>
    /// EF's conventions once everything written is read: navigation targets join the model, bases that are
    /// entity types become the base type, keys are found, and navigations not configured become relationships.
    /// </summary>
    public void ApplyConventions()
    {
        DiscoverNavigationTargets();
        foreach (var ignored in IgnoredTypes) _entities.Remove(ignored);
        SetBaseTypes();
        foreach (var entity in _entities.Values) DiscoverKey(entity);
        PairNavigations();
    }

    private void DiscoverNavigationTargets()
    {
        var queue = new Queue<EfEntity>(_entities.Values);
        while (queue.Count > 0)
        {
            var entity = queue.Dequeue();
            foreach (var navigation in entity.Navigations.ToList())
            {
                if (IgnoredTypes.Contains(navigation.Target))
                {
                    entity.Navigations.Remove(navigation);
                    continue;
                }
                if (OwnedTypes.Contains(navigation.Target) || sources.Resolve(navigation.Target, navigation.Span)?.Attributes.Any(a => Expressions.AttributeName(a.Attribute) is "Owned" or "ComplexType") == true)
                {
                    var owned = Owned(entity, navigation.Name, navigation.Target, navigation.IsCollection, navigation.Span);
                    queue.Enqueue(owned);
                    continue;
                }
                if (_entities.ContainsKey(navigation.Target)) continue;
                queue.Enqueue(Entity(navigation.Target, navigation.Span));
            }
        }
    }

    private void SetBaseTypes()
    {
        foreach (var entity in _entities.Values)
        {
            if (entity.Clr is null || entity.IsOwned) continue;
            if (ExplicitBases.TryGetValue(entity, out var explicitBase)) entity.Base = explicitBase;
            else if (!entity.BaseExplicitlyCleared)
            {
                var seen = new HashSet<ClassInfo>();
                for (var cls = _reader.BaseClass(entity.Clr, out _); cls is not null && seen.Add(cls); cls = _reader.BaseClass(cls, out _))
                {
                    var candidate = _entities.Values.FirstOrDefault(e => e.Clr == cls && !e.IsOwned);
                    if (candidate is null) continue;
                    entity.Base = candidate;
                    break;
                }
            }
            if (entity.Base is null) continue;
            // What the base entity type declares belongs to it (and its table), not to the derived type.
            var inherited = InheritedClasses(entity.Base);
            entity.Properties.RemoveAll(p => p.DeclaredIn is { } declaring && inherited.Contains(declaring));
            entity.Navigations.RemoveAll(n => n.DeclaredIn is { } declaring && inherited.Contains(declaring));
        }
    }

    private HashSet<ClassInfo> InheritedClasses(EfEntity baseEntity)
    {
        var classes = new HashSet<ClassInfo>();
        for (var cls = baseEntity.Clr; cls is not null && classes.Add(cls);) cls = _reader.BaseClass(cls, out _);
        return classes;
    }

    private static void DiscoverKey(EfEntity entity)
    {
        if (entity.Base is not null || entity.Keyless || entity.Key is not null || entity.IsOwned) return;
        var key = entity.Properties.Find(p => p.Name.Equals("Id", StringComparison.OrdinalIgnoreCase))
                  ?? entity.Properties.Find(p => p.Name.Equals(entity.Name + "Id", StringComparison.OrdinalIgnoreCase));
        if (key is not null)
        {
            entity.Key = [key.Name];
            entity.KeySpan = key.Span;
        }
    }

    /// <summary>Navigations no configuration claimed become relationships, paired with their inverse when there is exactly one.</summary>
    private void PairNavigations()
    {
        var claimed = new HashSet<(EfEntity, string)>();
        foreach (var r in Relationships)
        {
            if (r.DependentNavigation is not null) claimed.Add((r.Dependent, r.DependentNavigation));
            if (r.PrincipalNavigation is not null) claimed.Add((r.Principal, r.PrincipalNavigation));
            // Configured from one side only: the other side's single navigation back is the inverse, as EF pairs it.
            if (!r.ManyToMany && r.Configured)
            {
                if (r.PrincipalNavigation is null && r.DependentNavigation is not null)
                    r.PrincipalNavigation = SingleNavigation(r.Principal, r.Dependent, claimed, r.PrincipalIsCollection);
                else if (r.DependentNavigation is null && r.PrincipalNavigation is not null)
                    r.DependentNavigation = SingleNavigation(r.Dependent, r.Principal, claimed, false);
                if (r.PrincipalNavigation is not null) claimed.Add((r.Principal, r.PrincipalNavigation));
                if (r.DependentNavigation is not null) claimed.Add((r.Dependent, r.DependentNavigation));
            }
        }
        foreach (var entity in _entities.Values.ToList())
        {
            if (entity.IsJoinEntity) continue;
            foreach (var navigation in entity.Navigations)
            {
                if (!claimed.Add((entity, navigation.Name))) continue;
                if (!_entities.TryGetValue(navigation.Target, out var target)) continue;
                var inverse = FindInverse(entity, navigation, target, claimed);
                if (inverse is not null) claimed.Add((target, inverse.Name));
                var relationship = (navigation.IsCollection, inverse?.IsCollection) switch
                {
                    (true, true) => new EfRelationship { Principal = entity, Dependent = target, PrincipalNavigation = navigation.Name, DependentNavigation = inverse!.Name, ManyToMany = true },
                    (true, _) => new EfRelationship { Principal = entity, Dependent = target, PrincipalNavigation = navigation.Name, DependentNavigation = inverse?.Name },
                    (false, true) => new EfRelationship { Principal = target, Dependent = entity, DependentNavigation = navigation.Name, PrincipalNavigation = inverse!.Name },
                    (false, false) when inverse is not null => OneToOne(entity, navigation, target, inverse),
                    _ => new EfRelationship { Principal = target, Dependent = entity, DependentNavigation = navigation.Name },
                };
                relationship.Span = navigation.Span;
                if (navigation.ForeignKeyAttribute is not null && !navigation.IsCollection) relationship.ForeignKey = navigation.ForeignKeyAttribute;
                if (inverse?.ForeignKeyAttribute is not null && !inverse.IsCollection && relationship.Dependent == target) relationship.ForeignKey = inverse.ForeignKeyAttribute;
                Relationships.Add(relationship);
            }
        }
        foreach (var entity in _entities.Values.Where(e => e.Clr is not null))
        {
            foreach (var (property, navigationName) in EntityReader.ForeignKeyAttributesOnScalars(entity.Clr!))
            {
                var relationship = Relationships.Find(r => !r.ManyToMany && r.ForeignKey is null
                    && ((r.Dependent == entity && r.DependentNavigation == navigationName) || (r.Principal == entity && r.PrincipalNavigation == navigationName)));
                if (relationship is null) continue;
                if (relationship.Principal == entity && relationship.PrincipalIsCollection == false)
                    (relationship.Principal, relationship.Dependent, relationship.PrincipalNavigation, relationship.DependentNavigation) =
                        (relationship.Dependent, relationship.Principal, relationship.DependentNavigation, relationship.PrincipalNavigation);
                if (relationship.Dependent == entity) relationship.ForeignKey = [property];
            }
        }
    }

    private static string? SingleNavigation(EfEntity on, EfEntity pointingTo, HashSet<(EfEntity, string)> claimed, bool collection)
    {
        var candidates = on.Navigations.Where(n => n.Target == pointingTo.Name && n.IsCollection == collection && !claimed.Contains((on, n.Name))).ToList();
        return candidates.Count == 1 ? candidates[0].Name : null;
    }

    private static EfNavigation? FindInverse(EfEntity entity, EfNavigation navigation, EfEntity target, HashSet<(EfEntity, string)> claimed)
    {
        if (navigation.InverseProperty is { } named) return target.FindNavigation(named);
        var explicitInverse = target.Navigations.Find(n => n.InverseProperty == navigation.Name && n.Target == entity.Name);
        if (explicitInverse is not null) return explicitInverse;
        var candidates = target.Navigations.Where(n => n.Target == entity.Name && n.InverseProperty is null && !claimed.Contains((target, n.Name))
                                                       && !(target == entity && n.Name == navigation.Name)).ToList();
        var others = entity.Navigations.Count(n => n.Target == target.Name && n.InverseProperty is null);
        // Two navigations between the same pair cannot be paired by convention (EF asks for configuration).
        return candidates.Count == 1 && others == 1 ? candidates[0] : null;
    }

    /// <summary>One-to-one by navigations: the dependent is the side that holds a property named like the FK, else the side with [ForeignKey].</summary>
    private static EfRelationship OneToOne(EfEntity entity, EfNavigation navigation, EfEntity target, EfNavigation inverse)
    {
        var entityHasFk = navigation.ForeignKeyAttribute is not null || entity.FindProperty(navigation.Name + "Id") is not null || entity.FindProperty(target.Name + "Id") is not null;
        return entityHasFk || !(inverse.ForeignKeyAttribute is not null || target.FindProperty(inverse.Name + "Id") is not null || target.FindProperty(entity.Name + "Id") is not null)
            ? new EfRelationship { Principal = target, Dependent = entity, DependentNavigation = navigation.Name, PrincipalNavigation = inverse.Name, PrincipalIsCollection = false }
            : new EfRelationship { Principal = entity, Dependent = target, DependentNavigation = inverse.Name, PrincipalNavigation = navigation.Name, PrincipalIsCollection = false };
    }
}
