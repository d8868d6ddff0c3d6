namespace SchemaAudit.Model;

/// <summary>An ORM class (SQLAlchemy model, Drizzle table object, EF entity).</summary>
public sealed class Entity
{
    public required string Name { get; init; }

    /// <summary>Table it maps to; null for abstract classes and mixins.</summary>
    public string? TableName { get; set; }

    /// <summary>Base class names as written.</summary>
    public List<string> Bases { get; } = [];

    public bool IsAbstract { get; set; }

    /// <summary>Whether the class has a docstring / documentation comment.</summary>
    public bool HasDoc { get; set; }

    /// <summary>All mapped attribute names (columns and relationships), for back-populates checks.</summary>
    public HashSet<string> AttributeNames { get; } = new(StringComparer.Ordinal);

    public SourceSpan Span { get; set; }

    public override string ToString() => Name;
}

public enum RelationshipKind { Unknown, ManyToOne, OneToMany, OneToOne, ManyToMany }

/// <summary>An ORM-level relationship (SQLAlchemy <c>relationship()</c>, Drizzle <c>relations()</c>, EF navigation).</summary>
public sealed class Relationship
{
    public required string OwnerEntity { get; init; }
    public string? OwnerTable { get; set; }
    public required string Attribute { get; init; }

    /// <summary>Target entity name as resolved (class name); null when it could not be resolved.</summary>
    public string? TargetEntity { get; set; }
    public string? TargetTable { get; set; }

    /// <summary>The target as written (<c>"Publisher"</c>, <c>Publisher</c>, <c>models.Publisher</c>), kept when it could not be
    /// resolved, so rules can name it; null when no target was written or it resolved.</summary>
    public string? TargetAsWritten { get; set; }

    public RelationshipKind Kind { get; set; }

    /// <summary>Loading strategy as written (<c>select</c>, <c>selectin</c>, <c>joined</c>, <c>raise</c>, <c>dynamic</c>, <c>write_only</c>, <c>noload</c>); null when unspecified.</summary>
    public string? Lazy { get; set; }

    /// <summary>Cascade string as written (<c>all, delete-orphan</c>); null when unspecified.</summary>
    public string? Cascade { get; set; }
    public bool PassiveDeletes { get; set; }

    public string? BackPopulates { get; set; }

    /// <summary>Name given in <c>backref=</c>: creates the inverse attribute on the target.</summary>
    public string? Backref { get; set; }

    /// <summary>Association table name for many-to-many.</summary>
    public string? Secondary { get; set; }

    /// <summary><c>remote_side</c> elements as written (e.g. <c>id</c>, <c>Message.id</c>, <c>"Message.id"</c>).</summary>
    public List<string> RemoteSide { get; } = [];

    /// <summary>True when a <c>remote_side</c> element is a bare name that resolves to a Python builtin (<c>id</c>) rather than a column.</summary>
    public bool RemoteSideNamesBuiltin { get; set; }

    /// <summary><c>foreign_keys</c> elements as written.</summary>
    public List<string> ForeignKeyColumns { get; } = [];

    /// <summary>
    /// Columns on the target that <see cref="ForeignKeyColumns"/> point at, where the ORM states
    /// them (Drizzle <c>one(t, { fields, references })</c>); empty when not written.
    /// </summary>
    public List<string> ReferencedColumns { get; } = [];

    public bool? UseList { get; set; }
    public string? OrderBy { get; set; }

    /// <summary>True when the annotation or <c>uselist</c> says the attribute is a collection.</summary>
    public bool IsCollection { get; set; }

    /// <summary>True for <c>viewonly=True</c> relationships.</summary>
    public bool ViewOnly { get; set; }

    public SourceSpan Span { get; set; }
}
