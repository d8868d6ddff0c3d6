using SchemaAudit.EfCore.Syntax;
using SchemaAudit.Model;

namespace SchemaAudit.EfCore.Modeling;

/// <summary>EF's <c>DeleteBehavior</c>; <see cref="Default"/> means none was written.</summary>
internal enum DeleteBehavior { Default, Cascade, ClientSetNull, SetNull, Restrict, NoAction, ClientCascade, ClientNoAction }

internal enum InheritanceStrategy { Tph, Tpt, Tpc }

/// <summary>A mapped property: a scalar column (or a shadow one EF adds), with what attributes and the fluent API say.</summary>
internal sealed class EfProperty(string name)
{
    public string Name { get; } = name;

    /// <summary>The CLR type without <c>?</c> (<c>int</c>, <c>string</c>, <c>Guid</c>, an enum name); null when unknown (a shadow property before its type is known).</summary>
    public string? ClrType { get; set; }

    /// <summary>The type as declared (<c>string?</c>), for the report; null for shadow properties.</summary>
    public string? DeclaredType { get; set; }

    /// <summary>Nullable by its CLR type: <c>int?</c>, or a reference type with <c>?</c> or without nullable reference types.</summary>
    public bool ClrNullable { get; set; } = true;

    /// <summary>True when nullable reference types were on where it is declared (so a reference type without <c>?</c> is required).</summary>
    public bool NullableContext { get; set; }
    public bool IsEnum { get; set; }

    /// <summary>Element type of a primitive collection (<c>List&lt;string&gt;</c>), mapped to one JSON or array column.</summary>
    public string? CollectionOf { get; set; }

    public bool? Required { get; set; }
    public SourceSpan RequiredSpan { get; set; }
    public int? MaxLength { get; set; }
    public bool? Unicode { get; set; }
    public bool FixedLength { get; set; }
    public string? ColumnName { get; set; }
    public string? ColumnType { get; set; }
    public int? Precision { get; set; }
    public int? Scale { get; set; }
    public string? DefaultSql { get; set; }
    public string? DefaultValue { get; set; }
    public string? ComputedSql { get; set; }

    /// <summary>Store type a value conversion gives (<c>string</c>, <c>int</c>); <c>?</c> when converted to something unknown.</summary>
    public string? ConvertedTo { get; set; }
    public bool ValueGeneratedNever { get; set; }
    public bool ValueGeneratedOnAdd { get; set; }
    public bool IsRowVersion { get; set; }
    public bool IsShadow { get; set; }
    public string? Comment { get; set; }
    public string? Collation { get; set; }
    public SourceSpan Span { get; set; }

    /// <summary>The class that declares it (an entity's own class or a base class); null for shadow properties.</summary>
    public ClassInfo? DeclaredIn { get; set; }

    public string EffectiveClrType => ConvertedTo is { } converted and not "?" ? converted : ClrType ?? "?";
}

/// <summary>A navigation declared on an entity class: a reference (<c>Blog Blog</c>) or a collection (<c>ICollection&lt;Post&gt;</c>).</summary>
internal sealed class EfNavigation(string name, string target, bool isCollection)
{
    public string Name { get; } = name;
    public string Target { get; } = target;
    public bool IsCollection { get; } = isCollection;
    public bool IsVirtual { get; init; }

    /// <summary>A reference navigation without <c>?</c> where nullable reference types are on: EF makes the relationship required.</summary>
    public bool NonNullable { get; init; }
    public bool RequiredAttribute { get; init; }
    public string? InverseProperty { get; init; }

    /// <summary><c>[ForeignKey("A,B")]</c> on the navigation.</summary>
    public List<string>? ForeignKeyAttribute { get; set; }
    public SourceSpan Span { get; init; }
    public ClassInfo? DeclaredIn { get; init; }
}

internal sealed class EfIndex
{
    public List<string> Properties { get; } = [];
    public bool Unique { get; set; }
    public string? Filter { get; set; }
    public string? Name { get; set; }
    public string? Method { get; set; }
    public SourceSpan Span { get; set; }
}

/// <summary>A relationship as configured (<c>HasOne/HasMany … With…</c>) or discovered from navigations.</summary>
internal sealed class EfRelationship
{
    public required EfEntity Principal { get; set; }
    public required EfEntity Dependent { get; set; }
    public string? DependentNavigation { get; set; }
    public string? PrincipalNavigation { get; set; }
    public bool PrincipalIsCollection { get; set; } = true;
    public bool ManyToMany { get; set; }
    public List<string>? ForeignKey { get; set; }
    public List<string>? PrincipalKey { get; set; }
    public bool? Required { get; set; }
    public DeleteBehavior OnDelete { get; set; }
    public SourceSpan OnDeleteSpan { get; set; }
    public string? ConstraintName { get; set; }

    /// <summary>Many-to-many: the join table as configured (<c>UsingEntity("PostTags")</c>), or the join entity's name.</summary>
    public string? JoinTable { get; set; }
    public EfEntity? JoinEntity { get; set; }

    /// <summary>One-to-one configured without saying which side holds the FK yet.</summary>
    public bool DependentUndecided { get; set; }
    public SourceSpan Span { get; set; }

    /// <summary>True when written with the fluent API or attributes, not discovered from navigations alone.</summary>
    public bool Configured { get; set; }
}

/// <summary>An entity type of the EF model (or an owned type, or a join entity EF creates for a skip navigation).</summary>
internal sealed class EfEntity(string name, ClassInfo? clr)
{
    public string Name { get; } = name;
    public ClassInfo? Clr { get; } = clr;
    public EfEntity? Base { get; set; }
    public bool BaseExplicitlyCleared { get; set; }
    public string? TableName { get; set; }
    public string? Schema { get; set; }
    public bool TableExplicit { get; set; }

    /// <summary>Mapped to a view, a query or a function: EF creates no table.</summary>
    public bool NoTable { get; set; }
    public InheritanceStrategy? Strategy { get; set; }
    public string? DiscriminatorName { get; set; }
    public bool IsOwned { get; set; }
    public EfEntity? Owner { get; set; }
    public string? OwnerNavigation { get; set; }
    public bool OwnedMany { get; set; }
    public List<string>? OwnerForeignKey { get; set; }
    public bool Keyless { get; set; }
    public List<string>? Key { get; set; }
    public SourceSpan KeySpan { get; set; }
    public List<List<string>> AlternateKeys { get; } = [];
    public List<EfProperty> Properties { get; } = [];
    public List<EfNavigation> Navigations { get; } = [];
    public List<EfIndex> Indexes { get; } = [];
    public List<(string? Name, string Sql, SourceSpan Span)> Checks { get; } = [];
    public HashSet<string> Ignored { get; } = new(StringComparer.Ordinal);
    public string? QueryFilter { get; set; }
    public string? Comment { get; set; }
    public bool IsJoinEntity { get; set; }
    public SourceSpan Span { get; set; }

    /// <summary>Name of the <c>DbSet</c> that exposes it, which names its table by convention.</summary>
    public string? DbSetName { get; set; }

    public EfProperty? FindProperty(string name) =>
        Properties.Find(p => string.Equals(p.Name, name, StringComparison.Ordinal))
        ?? Properties.Find(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public EfProperty GetOrAddProperty(string name, SourceSpan span)
    {
        var property = FindProperty(name);
        if (property is not null) return property;
        property = new EfProperty(name) { IsShadow = true, Span = span };
        Properties.Add(property);
        return property;
    }

    public EfNavigation? FindNavigation(string name) => Navigations.Find(n => n.Name == name);

    public EfEntity Root => Base?.Root ?? this;

    public override string ToString() => Name;
}
