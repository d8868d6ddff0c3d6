namespace SchemaAudit.Model;

public sealed class Table
{
    public required string Name { get; init; }

    /// <summary>Database schema (e.g. <c>public</c>); null when not given.</summary>
    public string? SchemaName { get; set; }

    public string QualifiedName => SchemaName is null ? Name : $"{SchemaName}.{Name}";

    /// <summary>How messages name the table: with its schema unless that is the default (<c>public</c>), where it adds nothing.</summary>
    public string DisplayName => TableLookup.IsDefaultSchema(SchemaName) ? Name : QualifiedName;

    public List<Column> Columns { get; } = [];
    public PrimaryKey? PrimaryKey { get; set; }
    public List<Index> Indexes { get; } = [];
    public List<UniqueConstraint> UniqueConstraints { get; } = [];
    public List<ForeignKey> ForeignKeys { get; } = [];
    public List<CheckConstraint> Checks { get; } = [];
    public string? Comment { get; set; }

    /// <summary>Live databases: the planner's row estimate (<c>pg_class.reltuples</c>); null when unknown.</summary>
    public long? RowEstimate { get; set; }

    /// <summary>
    /// Live PostgreSQL: scans of the table since the statistics were reset (sequential plus index scans), 0 when none of
    /// them returned a row (index builds and FK checks on empty tables are not reads); null when unknown.
    /// </summary>
    public long? Scans { get; set; }

    /// <summary>The ORM class mapped to this table, if any (the first, for single-table inheritance).</summary>
    public Entity? Entity { get; set; }

    /// <summary>True for a plain <c>Table(...)</c> (e.g. a many-to-many association table) with no ORM class.</summary>
    public bool IsAssociationTable { get; set; }

    /// <summary>
    /// Migrations view: the history alters this table without ever creating it (it came from a
    /// baseline such as <c>create_all</c> that the history does not hold), so only what the
    /// migrations changed is known about it.
    /// </summary>
    public bool PredatesHistory { get; set; }

    public SourceSpan Span { get; set; }

    public Column? FindColumn(string name) =>
        Columns.Find(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => QualifiedName;
}

public sealed class Column
{
    public required string Name { get; init; }
    public LogicalType Type { get; set; } = LogicalType.Unknown;

    /// <summary>The type as written in source, e.g. <c>String(255)</c>, <c>DateTime(timezone=True)</c>, <c>varchar(40)</c>.</summary>
    public string TypeAsWritten { get; set; } = "";

    public int? Length { get; set; }
    public bool Nullable { get; set; } = true;
    public bool IsPrimaryKey { get; set; }
    public bool IsIdentity { get; set; }

    /// <summary>Server-side default, when there is one.</summary>
    public DefaultValue? ServerDefault { get; set; }

    /// <summary>Client-side (ORM) default as written, e.g. <c>uuid.uuid4</c>, <c>datetime.utcnow</c>.</summary>
    public string? ClientDefault { get; set; }

    /// <summary>ORM on-update expression as written (SQLAlchemy <c>onupdate=</c>, Drizzle <c>$onUpdate</c>).</summary>
    public string? OnUpdate { get; set; }

    /// <summary>Server-side on-update as written (SQLAlchemy <c>server_onupdate=</c>, MySQL <c>ON UPDATE CURRENT_TIMESTAMP</c>).</summary>
    public string? ServerOnUpdate { get; set; }

    public string? Comment { get; set; }

    /// <summary>Documentation in the source (SQLAlchemy <c>doc=</c>).</summary>
    public string? Doc { get; set; }

    /// <summary>The ORM attribute that maps this column, when the source is an ORM.</summary>
    public OrmAttribute? Attribute { get; set; }

    /// <summary>Name of the enum type when <see cref="Type"/> is <see cref="LogicalType.Enum"/>.</summary>
    public string? EnumName { get; set; }

    /// <summary>Collation as written (<c>COLLATE "C"</c> → <c>C</c>); null when not given.</summary>
    public string? Collation { get; set; }

    public SourceSpan Span { get; set; }

    public override string ToString() => Name;
}

/// <summary>A server default: the expression and whether it is written portably.</summary>
/// <param name="Expression">As written, e.g. <c>now()</c> or <c>func.now()</c>.</param>
/// <param name="IsRawSql">True when given as a raw dialect-specific SQL string (<c>server_default="now()"</c>).</param>
public sealed record DefaultValue(string Expression, bool IsRawSql, SourceSpan Span);

/// <summary>The ORM side of a column: attribute name and declared type annotation.</summary>
/// <param name="Annotation">The annotation as written, e.g. <c>Mapped[UUID | None]</c>; null when none.</param>
/// <param name="AnnotationNullable">True/false when the annotation says; null when there is none.</param>
/// <param name="NullableExplicit">True when nullability was written explicitly (<c>nullable=</c>, <c>.notNull()</c>, <c>IsRequired()</c>).</param>
public sealed record OrmAttribute(string Name, string? Annotation, bool? AnnotationNullable, bool NullableExplicit, SourceSpan Span)
{
    /// <summary>
    /// True when declared on a single-table-inheritance subclass: the shared table must accept NULL
    /// for the other classes' rows, so a non-optional annotation over a nullable column is intended.
    /// </summary>
    public bool OnSingleTableSubclass { get; init; }
}

public sealed class PrimaryKey
{
    public string? Name { get; set; }
    public List<string> Columns { get; } = [];
    public SourceSpan Span { get; set; }
}

public enum IndexOrigin
{
    /// <summary>Declared as an index object (<c>Index(...)</c>, <c>CREATE INDEX</c>).</summary>
    Explicit,
    /// <summary>Created by a column flag (<c>index=True</c>).</summary>
    ColumnFlag,
}

public sealed class Index
{
    public string? Name { get; set; }

    /// <summary>Column names, or for expression elements the expression text.</summary>
    public List<string> Columns { get; } = [];

    /// <summary>True where the element at the same position is an expression, not a plain column.</summary>
    public List<bool> IsExpression { get; } = [];

    public bool IsUnique { get; set; }

    /// <summary>For a unique index: <c>NULLS NOT DISTINCT</c> (PostgreSQL 15+), so NULLs collide like values.</summary>
    public bool NullsNotDistinct { get; set; }

    /// <summary>Partial index predicate (<c>WHERE ...</c>), null when none.</summary>
    public string? Where { get; set; }

    /// <summary>Index method (<c>btree</c>, <c>gin</c>, ...); null means the default (btree).</summary>
    public string? Method { get; set; }

    /// <summary>Operator classes by column name (e.g. <c>path → text_pattern_ops</c>).</summary>
    public Dictionary<string, string> OperatorClasses { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Collations given on index elements, by column name (e.g. <c>path → C</c>).</summary>
    public Dictionary<string, string> Collations { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IndexOrigin Origin { get; set; } = IndexOrigin.Explicit;

    /// <summary>Live PostgreSQL: index scans since the statistics were reset (<c>pg_stat_user_indexes.idx_scan</c>); null when unknown.</summary>
    public long? Scans { get; set; }

    public SourceSpan Span { get; set; }
}

public sealed class UniqueConstraint
{
    public string? Name { get; set; }
    public List<string> Columns { get; } = [];
    public bool NullsNotDistinct { get; set; }

    /// <summary>True when created by a column flag (<c>unique=True</c>).</summary>
    public bool FromColumnFlag { get; set; }

    public SourceSpan Span { get; set; }
}

public sealed class ForeignKey
{
    public string? Name { get; set; }
    public List<string> Columns { get; } = [];

    /// <summary>Target table as written (may be schema-qualified).</summary>
    public required string TargetTable { get; set; }
    public List<string> TargetColumns { get; } = [];
    public ReferentialAction OnDelete { get; set; }
    public ReferentialAction OnUpdate { get; set; }
    public SourceSpan Span { get; set; }
}

public sealed class CheckConstraint
{
    public string? Name { get; set; }
    public required string Expression { get; init; }
    public SourceSpan Span { get; set; }
}
