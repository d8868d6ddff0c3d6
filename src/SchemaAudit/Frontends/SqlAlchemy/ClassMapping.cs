namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>Which declarative system a class belongs to (decides naming and nullability defaults).</summary>
internal enum DeclarativeFlavor { None, Classic, Modern, Flask, SqlModel }

internal enum MappingKind
{
    /// <summary>Not mapped: a plain class, a mixin, or a SQLModel without <c>table=True</c>.</summary>
    None,
    /// <summary>The declarative base itself (<c>class Base(DeclarativeBase)</c>, <c>@as_declarative</c>).</summary>
    DeclarativeBase,
    /// <summary><c>__abstract__ = True</c>.</summary>
    Abstract,
    /// <summary>Maps its own table (plain or joined-table inheritance).</summary>
    Table,
    /// <summary>Single-table inheritance: adds its columns to the mapped parent's table.</summary>
    SingleTableChild,
}

/// <summary>How a class is mapped, decided once per class.</summary>
internal sealed class ClassMapping
{
    public static readonly ClassMapping Unmapped = new() { Kind = MappingKind.None, Flavor = DeclarativeFlavor.None, Mro = [] };

    public required MappingKind Kind { get; init; }
    public required DeclarativeFlavor Flavor { get; init; }

    /// <summary>The class and its project ancestors in Python's method resolution order (C3).</summary>
    public required IReadOnlyList<ClassInfo> Mro { get; init; }

    /// <summary>The table name for <see cref="MappingKind.Table"/>.</summary>
    public string? TableName { get; init; }

    /// <summary>The nearest mapped ancestor (joined- or single-table inheritance).</summary>
    public ClassInfo? MappedParent { get; init; }

    /// <summary>The classes whose declarations this class contributes to its table: itself and the unmapped mixins it adds.</summary>
    public IReadOnlyList<ClassInfo> Contributors { get; init; } = [];

    public bool IsMapped => Kind is MappingKind.Table or MappingKind.SingleTableChild;
}
