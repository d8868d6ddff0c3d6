using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Sql;

// The DDL statements SchemaAudit models. The SQL parser produces them and so does the
// Alembic replayer (op.create_table → CreateTableStatement ...), so that one builder
// (SqlSchemaBuilder) turns both into the unified model with the same semantics.

/// <summary>A possibly schema-qualified name, unquoted.</summary>
internal sealed record SqlName(string? Schema, string Name)
{
    public string Qualified => Schema is null ? Name : $"{Schema}.{Name}";

    public override string ToString() => Qualified;
}

/// <summary>A column type: as written, and what it means.</summary>
internal sealed class SqlTypeRef
{
    public required string Text { get; init; }

    /// <summary>The type name without parameters, lower case, schema dropped (<c>character varying</c>, <c>status</c>).</summary>
    public required string BaseName { get; init; }
    public LogicalType Logical { get; set; }
    public int? Length { get; set; }

    /// <summary><c>serial</c>, <c>bigserial</c>, <c>smallserial</c>: an integer with an owned sequence.</summary>
    public bool IsSerial { get; set; }

    /// <summary>Enum type name when known (Alembic <c>sa.Enum(..., name=)</c>).</summary>
    public string? EnumName { get; set; }

    /// <summary>Enum values declared with the type itself (Alembic <c>sa.Enum("a", "b")</c>, MySQL <c>enum('a','b')</c>).</summary>
    public IReadOnlyList<string>? EnumValues { get; set; }
}

internal sealed class ForeignKeyDef
{
    public required SqlName Target { get; init; }
    public List<string> TargetColumns { get; } = [];
    public ReferentialAction OnDelete { get; set; }
    public ReferentialAction OnUpdate { get; set; }
}

internal sealed class ColumnDef
{
    public required string Name { get; init; }
    public SqlTypeRef? Type { get; set; }
    public bool NotNull { get; set; }
    public bool PrimaryKey { get; set; }
    public string? PrimaryKeyName { get; set; }
    public bool Identity { get; set; }
    public string? DefaultExpression { get; set; }
    public bool DefaultIsRawSql { get; set; }
    public SourceSpan DefaultSpan { get; set; }
    public bool Unique { get; set; }
    public string? UniqueName { get; set; }
    public bool UniqueNullsNotDistinct { get; set; }

    /// <summary>Alembic <c>index=True</c>.</summary>
    public bool Indexed { get; set; }
    public ForeignKeyDef? References { get; set; }
    public string? ReferencesName { get; set; }
    public List<(string? Name, string Expression)> Checks { get; } = [];
    public string? Comment { get; set; }

    /// <summary><c>COLLATE x</c> on the column.</summary>
    public string? Collation { get; set; }

    /// <summary>MySQL <c>ON UPDATE CURRENT_TIMESTAMP</c>.</summary>
    public string? OnUpdate { get; set; }

    /// <summary><c>GENERATED ALWAYS AS (expr) STORED</c>: computed, never written.</summary>
    public string? GeneratedExpression { get; set; }
    public SourceSpan Span { get; set; }
}

internal enum TableConstraintKind { PrimaryKey, Unique, ForeignKey, Check, Index }

internal sealed class TableConstraintDef
{
    public required TableConstraintKind Kind { get; init; }
    public string? Name { get; set; }
    public List<string> Columns { get; } = [];
    public bool NullsNotDistinct { get; set; }
    public ForeignKeyDef? References { get; set; }
    public string? CheckExpression { get; set; }

    /// <summary>For MySQL inline <c>KEY</c> / <c>FULLTEXT KEY</c>: the index method.</summary>
    public string? IndexMethod { get; set; }
    public SourceSpan Span { get; set; }
}

internal sealed record IndexElement(string Text, bool IsExpression, string? OperatorClass, string? Collation = null);

internal abstract class SqlStatement
{
    public SourceSpan Span { get; set; }
}

internal sealed class CreateTableStatement : SqlStatement
{
    public required SqlName Name { get; init; }
    public bool IfNotExists { get; init; }
    public List<ColumnDef> Columns { get; } = [];
    public List<TableConstraintDef> Constraints { get; } = [];
}

internal sealed class CreateIndexStatement : SqlStatement
{
    public string? Name { get; set; }
    public required SqlName Table { get; set; }
    public bool Unique { get; set; }
    public bool IfNotExists { get; set; }
    public string? Method { get; set; }
    public List<IndexElement> Elements { get; } = [];
    public string? Where { get; set; }
    public bool NullsNotDistinct { get; set; }
}

internal sealed class CreateEnumStatement : SqlStatement
{
    public required SqlName Name { get; init; }
    public required IReadOnlyList<string> Values { get; init; }
}

/// <summary><c>ALTER TYPE name ADD VALUE 'x' [BEFORE|AFTER 'y']</c>.</summary>
internal sealed class AddEnumValueStatement : SqlStatement
{
    public required SqlName Name { get; init; }
    public required string Value { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
}

internal sealed class AlterTableStatement : SqlStatement
{
    public required SqlName Table { get; init; }
    public List<AlterAction> Actions { get; } = [];
}

internal abstract class AlterAction
{
    public SourceSpan Span { get; init; }
}

internal sealed class AddColumnAction : AlterAction { public required ColumnDef Column { get; init; } }

internal sealed class DropColumnAction : AlterAction { public required string Column { get; init; } }

/// <summary>MySQL <c>MODIFY</c> / <c>CHANGE</c>: a column redefined in full (the original creation span is kept).</summary>
internal sealed class ReplaceColumnAction : AlterAction
{
    public required string OldName { get; init; }
    public required ColumnDef Column { get; init; }
}

internal enum AlterColumnKind { SetNotNull, DropNotNull, SetDefault, DropDefault, SetType, AddIdentity, DropIdentity }

internal sealed class AlterColumnAction : AlterAction
{
    public required string Column { get; init; }
    public required AlterColumnKind Kind { get; init; }
    public string? DefaultExpression { get; init; }
    public bool DefaultIsRawSql { get; init; }
    public SqlTypeRef? Type { get; init; }
}

internal sealed class AddConstraintAction : AlterAction { public required TableConstraintDef Constraint { get; init; } }

/// <summary>Drops a constraint by name; <see cref="Kind"/> narrows it when known (Alembic <c>type_=</c>, MySQL <c>DROP FOREIGN KEY</c>).</summary>
internal sealed class DropConstraintAction : AlterAction
{
    public required string Name { get; init; }
    public TableConstraintKind? Kind { get; init; }
}

internal sealed class DropPrimaryKeyAction : AlterAction;

internal sealed class RenameColumnAction : AlterAction
{
    public required string OldName { get; init; }
    public required string NewName { get; init; }
}

internal sealed class RenameTableAction : AlterAction { public required SqlName NewName { get; init; } }

internal sealed class RenameConstraintAction : AlterAction
{
    public required string OldName { get; init; }
    public required string NewName { get; init; }
}

internal enum DropKind { Table, Index, Type, Trigger }

internal sealed class DropStatement : SqlStatement
{
    public required DropKind Kind { get; init; }
    public List<SqlName> Names { get; } = [];

    /// <summary><c>DROP TRIGGER t ON table</c>, MySQL <c>DROP INDEX i ON table</c>.</summary>
    public SqlName? Table { get; init; }
    public bool IfExists { get; init; }
}

internal sealed class CommentStatement : SqlStatement
{
    public required SqlName Table { get; init; }
    public string? Column { get; init; }

    /// <summary>Null for <c>IS NULL</c> (removes the comment).</summary>
    public string? Text { get; init; }
}

/// <summary>A trigger function: which <c>NEW.&lt;column&gt;</c> its body assigns.</summary>
internal sealed class CreateFunctionStatement : SqlStatement
{
    public required SqlName Name { get; init; }
    public required IReadOnlyList<string> AssignedNewColumns { get; init; }
}

internal sealed class CreateTriggerStatement : SqlStatement
{
    public required string Name { get; init; }
    public required SqlName Table { get; init; }
    public bool OnUpdate { get; init; }

    /// <summary>PostgreSQL <c>EXECUTE FUNCTION f()</c>; null for an inline body.</summary>
    public SqlName? Function { get; init; }

    /// <summary>Columns an inline body assigns (<c>SET NEW.x = ...</c>, SQLite <c>UPDATE t SET x = ...</c>).</summary>
    public IReadOnlyList<string> AssignedColumns { get; init; } = [];
}

/// <summary>The result of parsing one SQL text: never null, whatever the input.</summary>
internal sealed class SqlScript
{
    public required IReadOnlyList<SqlStatement> Statements { get; init; }
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>Evidence of the dialect: votes per dialect name (<c>postgresql</c>, <c>sqlite</c>, <c>mysql</c>).</summary>
    public required IReadOnlyDictionary<string, int> DialectVotes { get; init; }
}
