using SchemaAudit.Model;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Frontends.Sql;

/// <summary>
/// Applies DDL statements, in order, to one evolving <see cref="Schema"/>: the replay of a
/// migration history. Objects keep the span of the statement that created them; later
/// ALTERs change their facts, not their location. Statements that refer to objects that
/// do not exist become warnings, never exceptions.
/// </summary>
internal sealed class SqlSchemaBuilder
{
    private readonly Schema _schema;
    private readonly Dictionary<string, Table> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _dialectVotes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _triggerFunctions = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<PendingTrigger> _triggers = [];
    private readonly List<Table> _baselineTables = [];

    public SqlSchemaBuilder(Schema schema)
    {
        _schema = schema;
        foreach (var table in schema.Tables) _tables.TryAdd(table.Name, table);
    }

    /// <summary>A trigger waits for <see cref="Finish"/>: its function may be (re)defined later.</summary>
    private sealed class PendingTrigger(CreateTriggerStatement statement)
    {
        public CreateTriggerStatement Statement { get; } = statement;
        public string Table { get; set; } = statement.Table.Name;
    }

    public void Apply(SqlScript script)
    {
        _schema.Diagnostics.AddRange(script.Diagnostics);
        foreach (var (dialect, votes) in script.DialectVotes) Vote(dialect, votes);
        foreach (var statement in script.Statements) Apply(statement);
    }

    public void Vote(string dialect, int votes = 1) => _dialectVotes[dialect] = _dialectVotes.GetValueOrDefault(dialect) + votes;

    public void Apply(SqlStatement statement)
    {
        switch (statement)
        {
            case CreateTableStatement s: CreateTable(s); break;
            case CreateIndexStatement s: CreateIndex(s); break;
            case CreateEnumStatement s: CreateEnum(s.Name.Name, s.Values, s.Span); break;
            case AddEnumValueStatement s: AddEnumValue(s); break;
            case AlterTableStatement s: AlterTable(s); break;
            case DropStatement s: Drop(s); break;
            case CommentStatement s: Comment(s); break;
            case CreateFunctionStatement s: _triggerFunctions[s.Name.Name] = s.AssignedNewColumns; break;
            case CreateTriggerStatement s:
                _triggers.RemoveAll(t => string.Equals(t.Statement.Name, s.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(t.Table, s.Table.Name, StringComparison.OrdinalIgnoreCase));
                _triggers.Add(new PendingTrigger(s));
                break;
        }
    }

    private void Warn(SourceSpan span, string message) => _schema.Diagnostics.Add(new Diagnostic(span, message, DiagnosticSeverity.Warning));

    /// <summary>
    /// Set for histories that may start from a schema made outside them (Alembic after
    /// <c>create_all</c>): a table altered before any creation is taken as part of that baseline.
    /// </summary>
    public bool AllowUnseenBaseline { get; init; }

    private Table? FindTable(SqlName name, SourceSpan span, string what)
    {
        if (_tables.TryGetValue(name.Name, out var table)) return table;
        if (AllowUnseenBaseline) return BaselineTable(name, span);
        Warn(span, $"{what}: table `{name}` does not exist at this point");
        return null;
    }

    private Table BaselineTable(SqlName name, SourceSpan span)
    {
        var table = new Table { Name = name.Name, SchemaName = name.Schema, Span = span, PredatesHistory = true };
        _tables[name.Name] = table;
        _schema.Tables.Add(table);
        _schema.HistoryLacksBaseline = true;
        _baselineTables.Add(table);
        return table;
    }

    // Said once for the history, not once per statement or table: the cause is the one missing baseline.
    private void NoteBaseline()
    {
        if (_baselineTables.Count == 0) return;
        const int Shown = 5;
        var names = string.Join(", ", _baselineTables.Take(Shown).Select(t => $"`{t.Name}`")) + (_baselineTables.Count > Shown ? $" and {_baselineTables.Count - Shown} more" : "");
        _schema.Diagnostics.Add(new Diagnostic(_baselineTables[0].Span,
            _baselineTables.Count == 1
                ? $"the migration history starts from an existing schema: {names} is changed before any migration creates it, so only what the migrations change is known about it"
                : $"the migration history starts from an existing schema: {names} are changed before any migration creates them, so only what the migrations change is known about them",
            DiagnosticSeverity.Info));
    }

    // ----- tables and columns -----

    private void CreateTable(CreateTableStatement statement)
    {
        if (_tables.TryGetValue(statement.Name.Name, out var existing))
        {
            if (!statement.IfNotExists) Warn(statement.Span, $"table `{statement.Name}` already exists (created at {existing.Span})");
            return;
        }
        var table = new Table { Name = statement.Name.Name, SchemaName = statement.Name.Schema, Span = statement.Span };
        foreach (var column in statement.Columns) AddColumn(table, column);
        foreach (var constraint in statement.Constraints) AddConstraint(table, constraint);
        _schema.Tables.Add(table);
        _tables[table.Name] = table;
    }

    private void AddColumn(Table table, ColumnDef definition)
    {
        if (table.FindColumn(definition.Name) is { } existing)
        {
            Warn(definition.Span, $"column `{table.Name}.{definition.Name}` already exists (created at {existing.Span})");
            return;
        }
        var column = new Column { Name = definition.Name, Span = definition.Span };
        Define(table, column, definition);
        table.Columns.Add(column);
        AddInlineConstraints(table, definition);
    }

    /// <summary>Sets a column's facts from its definition (type, nullability, identity, default, comment).</summary>
    private void Define(Table table, Column column, ColumnDef definition)
    {
        if (definition.Type is { } type) SetType(column, type, definition.Span);
        var inPrimaryKey = table.PrimaryKey?.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase) == true;
        column.Nullable = !(definition.NotNull || definition.PrimaryKey || definition.Identity || definition.Type?.IsSerial == true || inPrimaryKey);
        column.IsPrimaryKey = definition.PrimaryKey || column.IsPrimaryKey;
        column.IsIdentity = definition.Identity || definition.Type?.IsSerial == true;
        SetDefault(column, definition.DefaultExpression, definition.DefaultIsRawSql, definition.DefaultSpan);
        if (definition.Comment is not null) column.Comment = definition.Comment;
        if (definition.Collation is not null) column.Collation = definition.Collation;
        if (definition.OnUpdate is not null) column.ServerOnUpdate = definition.OnUpdate;
    }

    private void SetType(Column column, SqlTypeRef type, SourceSpan span)
    {
        column.Type = type.Logical;
        column.TypeAsWritten = type.Text;
        column.Length = type.Length;
        column.EnumName = type.EnumName;
        if (type.IsSerial) column.IsIdentity = true;
        if (type.Logical == LogicalType.Unknown && FindEnum(type.BaseName) is { } enumType)
        {
            column.Type = LogicalType.Enum;
            column.EnumName = enumType.Name;
        }
        if (type.EnumName is not null && type.EnumValues is { Count: > 0 } values && FindEnum(type.EnumName) is null)
            _schema.Enums.Add(new EnumType(type.EnumName, values, span));
    }

    private EnumType? FindEnum(string name) => _schema.Enums.Find(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    private static void SetDefault(Column column, string? expression, bool isRawSql, SourceSpan span)
    {
        if (expression is null) return;
        if (expression.StartsWith("nextval(", StringComparison.OrdinalIgnoreCase))
        {
            // pg_dump spells SERIAL as a sequence default: the same fact as SERIAL.
            column.IsIdentity = true;
            column.ServerDefault = null;
            return;
        }
        column.ServerDefault = string.Equals(expression, "null", StringComparison.OrdinalIgnoreCase) ? null : new DefaultValue(expression, isRawSql, span);
    }

    private void AddInlineConstraints(Table table, ColumnDef definition)
    {
        if (definition.PrimaryKey) SetPrimaryKey(table, definition.PrimaryKeyName, [definition.Name], definition.Span);
        if (definition.Unique)
        {
            var unique = new UniqueConstraint { Name = definition.UniqueName, NullsNotDistinct = definition.UniqueNullsNotDistinct, FromColumnFlag = true, Span = definition.Span };
            unique.Columns.Add(definition.Name);
            table.UniqueConstraints.Add(unique);
        }
        if (definition.Indexed)
        {
            var index = new Index { Origin = IndexOrigin.ColumnFlag, Span = definition.Span };
            index.Columns.Add(definition.Name);
            index.IsExpression.Add(false);
            table.Indexes.Add(index);
        }
        if (definition.References is { } references)
            table.ForeignKeys.Add(NewForeignKey(definition.ReferencesName, [definition.Name], references, definition.Span));
        foreach (var (name, expression) in definition.Checks)
            table.Checks.Add(new CheckConstraint { Name = name, Expression = expression, Span = definition.Span });
    }

    private static ForeignKey NewForeignKey(string? name, IEnumerable<string> columns, ForeignKeyDef references, SourceSpan span)
    {
        var fk = new ForeignKey { Name = name, TargetTable = references.Target.Qualified, OnDelete = references.OnDelete, OnUpdate = references.OnUpdate, Span = span };
        fk.Columns.AddRange(columns);
        fk.TargetColumns.AddRange(references.TargetColumns);
        return fk;
    }

    private void SetPrimaryKey(Table table, string? name, IReadOnlyList<string> columns, SourceSpan span)
    {
        if (table.PrimaryKey is { } existing)
        {
            Warn(span, $"table `{table.Name}` already has a primary key (declared at {existing.Span})");
            return;
        }
        var key = new PrimaryKey { Name = name, Span = span };
        key.Columns.AddRange(columns);
        table.PrimaryKey = key;
        foreach (var columnName in columns)
        {
            if (table.FindColumn(columnName) is not { } column)
            {
                if (!table.PredatesHistory) Warn(span, $"primary key of `{table.Name}` names column `{columnName}`, which does not exist");
                continue;
            }
            column.IsPrimaryKey = true;
            column.Nullable = false;
        }
    }

    private void AddConstraint(Table table, TableConstraintDef constraint)
    {
        foreach (var name in constraint.Columns)
            if (table.FindColumn(name) is null && !table.PredatesHistory)
                Warn(constraint.Span, $"constraint on `{table.Name}` names column `{name}`, which does not exist");
        switch (constraint.Kind)
        {
            case TableConstraintKind.PrimaryKey:
                SetPrimaryKey(table, constraint.Name, constraint.Columns, constraint.Span);
                break;
            case TableConstraintKind.Unique:
                var unique = new UniqueConstraint { Name = constraint.Name, NullsNotDistinct = constraint.NullsNotDistinct, Span = constraint.Span };
                unique.Columns.AddRange(constraint.Columns);
                table.UniqueConstraints.Add(unique);
                break;
            case TableConstraintKind.ForeignKey when constraint.References is { } references:
                table.ForeignKeys.Add(NewForeignKey(constraint.Name, constraint.Columns, references, constraint.Span));
                break;
            case TableConstraintKind.Check when constraint.CheckExpression is { } expression:
                table.Checks.Add(new CheckConstraint { Name = constraint.Name, Expression = expression, Span = constraint.Span });
                break;
            case TableConstraintKind.Index:
                var index = new Index { Name = constraint.Name, Method = NormalizeMethod(constraint.IndexMethod), Span = constraint.Span };
                index.Columns.AddRange(constraint.Columns);
                foreach (var _ in constraint.Columns) index.IsExpression.Add(false);
                table.Indexes.Add(index);
                break;
        }
    }

    private static string? NormalizeMethod(string? method) =>
        method is null || string.Equals(method, "btree", StringComparison.OrdinalIgnoreCase) ? null : method.ToLowerInvariant();

    // ----- indexes and enums -----

    private void CreateIndex(CreateIndexStatement statement)
    {
        var table = FindTable(statement.Table, statement.Span, $"CREATE INDEX {statement.Name}");
        if (table is null) return;
        // MySQL names indexes per table (every table may have its own `workspace_idx`); the others per schema.
        if (statement.Name is not null && FindIndex(statement.Name, _schema.Dialect == "mysql" ? table.Name : null) is { } existing)
        {
            if (!statement.IfNotExists) Warn(statement.Span, $"index `{statement.Name}` already exists (created at {existing.Index.Span})");
            return;
        }
        var index = new Index
        {
            Name = statement.Name, IsUnique = statement.Unique, Where = statement.Where, Method = NormalizeMethod(statement.Method),
            NullsNotDistinct = statement.NullsNotDistinct, Span = statement.Span,
        };
        foreach (var element in statement.Elements)
        {
            index.Columns.Add(element.Text);
            index.IsExpression.Add(element.IsExpression);
            if (element.OperatorClass is not null) index.OperatorClasses[element.Text] = element.OperatorClass;
            if (element.Collation is not null) index.Collations[element.Text] = element.Collation;
            if (!element.IsExpression && table.FindColumn(element.Text) is null && !table.PredatesHistory)
                Warn(statement.Span, $"index `{statement.Name}` names column `{table.Name}.{element.Text}`, which does not exist");
        }
        table.Indexes.Add(index);
    }

    private (Table Table, Index Index)? FindIndex(string name, string? onTable = null)
    {
        foreach (var table in _schema.Tables)
        {
            if (onTable is not null && !string.Equals(table.Name, onTable, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var index in table.Indexes)
                if (string.Equals(index.Name ?? ImplicitIndexName(table, index), name, StringComparison.OrdinalIgnoreCase))
                    return (table, index);
        }
        return null;
    }

    private void CreateEnum(string name, IReadOnlyList<string> values, SourceSpan span)
    {
        if (FindEnum(name) is { } existing)
        {
            Warn(span, $"type `{name}` already exists (created at {existing.Span})");
            return;
        }
        _schema.Enums.Add(new EnumType(name, values, span));
    }

    private void AddEnumValue(AddEnumValueStatement statement)
    {
        var position = _schema.Enums.FindIndex(e => string.Equals(e.Name, statement.Name.Name, StringComparison.OrdinalIgnoreCase));
        if (position < 0)
        {
            Warn(statement.Span, $"ALTER TYPE: type `{statement.Name}` does not exist at this point");
            return;
        }
        var current = _schema.Enums[position];
        if (current.Values.Contains(statement.Value)) return;
        var values = current.Values.ToList();
        var anchor = statement.Before ?? statement.After;
        var at = anchor is null ? -1 : values.IndexOf(anchor);
        if (at < 0) values.Add(statement.Value);
        else values.Insert(statement.Before is not null ? at : at + 1, statement.Value);
        _schema.Enums[position] = current with { Values = values };
    }

    // ----- ALTER TABLE -----

    private void AlterTable(AlterTableStatement statement)
    {
        var table = FindTable(statement.Table, statement.Span, "ALTER TABLE");
        if (table is null) return;
        foreach (var action in statement.Actions)
        {
            switch (action)
            {
                case AddColumnAction a: AddColumn(table, a.Column); break;
                case DropColumnAction a: DropColumn(table, a.Column, a.Span); break;
                case ReplaceColumnAction a: ReplaceColumn(table, a); break;
                case AlterColumnAction a: AlterColumn(table, a); break;
                case AddConstraintAction a: AddConstraint(table, a.Constraint); break;
                case DropConstraintAction a: DropConstraint(table, a); break;
                case DropPrimaryKeyAction: DropPrimaryKey(table); break;
                case RenameColumnAction a: RenameColumn(table, a.OldName, a.NewName, a.Span); break;
                case RenameTableAction a: table = RenameTable(table, a.NewName); break;
                case RenameConstraintAction a: RenameConstraint(table, a); break;
            }
        }
    }

    private Column? FindColumn(Table table, string name, SourceSpan span)
    {
        var column = table.FindColumn(name);
        if (column is null && !table.PredatesHistory) Warn(span, $"column `{table.Name}.{name}` does not exist at this point");
        return column;
    }

    private void DropColumn(Table table, string name, SourceSpan span)
    {
        var column = FindColumn(table, name, span);
        if (column is null) return;
        table.Columns.Remove(column);
        // Like PostgreSQL, dropping a column drops the constraints and indexes that use it.
        if (table.PrimaryKey is { } key && key.Columns.Contains(name, StringComparer.OrdinalIgnoreCase)) DropPrimaryKey(table);
        table.Indexes.RemoveAll(i => Uses(i.Columns, name, i.IsExpression));
        table.UniqueConstraints.RemoveAll(u => Uses(u.Columns, name, null));
        table.ForeignKeys.RemoveAll(f => Uses(f.Columns, name, null));
    }

    private static bool Uses(List<string> columns, string name, List<bool>? isExpression)
    {
        for (var i = 0; i < columns.Count; i++)
            if ((isExpression is null || i >= isExpression.Count || !isExpression[i]) && string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    private void ReplaceColumn(Table table, ReplaceColumnAction action)
    {
        var old = FindColumn(table, action.OldName, action.Span);
        if (old is null) return;
        var definition = action.Column;
        var replacement = new Column { Name = definition.Name, Span = old.Span, IsPrimaryKey = old.IsPrimaryKey };
        Define(table, replacement, definition);
        replacement.Comment ??= old.Comment;
        table.Columns[table.Columns.IndexOf(old)] = replacement;
        if (!string.Equals(old.Name, definition.Name, StringComparison.Ordinal)) RenameReferences(table, old.Name, definition.Name);
        if (definition.PrimaryKey && table.PrimaryKey is not null) definition.PrimaryKey = false;
        AddInlineConstraints(table, definition);
    }

    private void AlterColumn(Table table, AlterColumnAction action)
    {
        var column = FindColumn(table, action.Column, action.Span);
        if (column is null) return;
        switch (action.Kind)
        {
            case AlterColumnKind.SetNotNull: column.Nullable = false; break;
            case AlterColumnKind.DropNotNull: column.Nullable = column.IsPrimaryKey ? false : true; break;
            case AlterColumnKind.SetDefault: SetDefault(column, action.DefaultExpression, action.DefaultIsRawSql, action.Span); break;
            case AlterColumnKind.DropDefault: column.ServerDefault = null; break;
            case AlterColumnKind.SetType when action.Type is { } type: SetType(column, type, action.Span); break;
            case AlterColumnKind.AddIdentity: column.IsIdentity = true; column.Nullable = false; break;
            case AlterColumnKind.DropIdentity: column.IsIdentity = false; break;
        }
    }

    private void DropConstraint(Table table, DropConstraintAction action)
    {
        var name = action.Name;
        bool Match(string? declared, string implicitName) =>
            string.Equals(declared ?? implicitName, name, StringComparison.OrdinalIgnoreCase);
        var kind = action.Kind;
        if (kind is null or TableConstraintKind.PrimaryKey && table.PrimaryKey is { } key && Match(key.Name, $"{table.Name}_pkey"))
        {
            DropPrimaryKey(table);
            return;
        }
        var removed = 0;
        if (kind is null or TableConstraintKind.Unique or TableConstraintKind.Index)
            removed += table.UniqueConstraints.RemoveAll(u => Match(u.Name, $"{table.Name}_{string.Join('_', u.Columns)}_key"));
        if (kind is null or TableConstraintKind.ForeignKey)
        {
            // MySQL numbers unnamed foreign keys in creation order: `awards_ibfk_1`, `awards_ibfk_2`.
            var unnamedSeen = 0;
            foreach (var foreignKey in table.ForeignKeys.ToList())
            {
                var mySqlName = foreignKey.Name is null ? $"{table.Name}_ibfk_{++unnamedSeen}" : null;
                if (Match(foreignKey.Name, $"{table.Name}_{string.Join('_', foreignKey.Columns)}_fkey") || string.Equals(mySqlName, name, StringComparison.OrdinalIgnoreCase))
                {
                    table.ForeignKeys.Remove(foreignKey);
                    removed++;
                }
            }
        }
        if (kind is null or TableConstraintKind.Check)
            removed += table.Checks.RemoveAll(c => c.Name is not null && Match(c.Name, ""));
        if (kind is TableConstraintKind.Index or TableConstraintKind.Unique)
            removed += table.Indexes.RemoveAll(i => Match(i.Name, ImplicitIndexName(table, i)));
        if (removed == 0 && !table.PredatesHistory) Warn(action.Span, $"constraint `{name}` does not exist on `{table.Name}` at this point");
    }

    private static string ImplicitIndexName(Table table, Index index) => $"{table.Name}_{string.Join('_', index.Columns)}_idx";

    private static void DropPrimaryKey(Table table)
    {
        if (table.PrimaryKey is null) return;
        foreach (var name in table.PrimaryKey.Columns)
            if (table.FindColumn(name) is { } column) column.IsPrimaryKey = false;
        table.PrimaryKey = null;
    }

    private void RenameConstraint(Table table, RenameConstraintAction action)
    {
        bool Match(string? name) => string.Equals(name, action.OldName, StringComparison.OrdinalIgnoreCase);
        if (table.PrimaryKey is { } key && Match(key.Name)) { key.Name = action.NewName; return; }
        if (table.UniqueConstraints.Find(u => Match(u.Name)) is { } unique) { unique.Name = action.NewName; return; }
        if (table.ForeignKeys.Find(f => Match(f.Name)) is { } fk) { fk.Name = action.NewName; return; }
        if (table.Checks.Find(c => Match(c.Name)) is { } check) { check.Name = action.NewName; return; }
        if (!table.PredatesHistory) Warn(action.Span, $"constraint `{action.OldName}` does not exist on `{table.Name}` at this point");
    }

    /// <summary>Column names are immutable in the model: a renamed column is a copy that keeps its creation span.</summary>
    private void RenameColumn(Table table, string oldName, string newName, SourceSpan span)
    {
        var column = FindColumn(table, oldName, span);
        if (column is null) return;
        var renamed = new Column
        {
            Name = newName, Type = column.Type, TypeAsWritten = column.TypeAsWritten, Length = column.Length, Nullable = column.Nullable,
            IsPrimaryKey = column.IsPrimaryKey, IsIdentity = column.IsIdentity, ServerDefault = column.ServerDefault,
            ClientDefault = column.ClientDefault, OnUpdate = column.OnUpdate, ServerOnUpdate = column.ServerOnUpdate, Comment = column.Comment,
            Doc = column.Doc, Attribute = column.Attribute, EnumName = column.EnumName, Collation = column.Collation, Span = column.Span,
        };
        table.Columns[table.Columns.IndexOf(column)] = renamed;
        RenameReferences(table, oldName, newName);
    }

    /// <summary>Keys, indexes and foreign keys (including those of other tables that point here) follow a renamed column.</summary>
    private void RenameReferences(Table table, string oldName, string newName)
    {
        static void Rename(List<string> names, string from, string to)
        {
            for (var i = 0; i < names.Count; i++)
                if (string.Equals(names[i], from, StringComparison.OrdinalIgnoreCase)) names[i] = to;
        }
        if (table.PrimaryKey is { } key) Rename(key.Columns, oldName, newName);
        foreach (var index in table.Indexes)
        {
            for (var i = 0; i < index.Columns.Count; i++)
                if ((i >= index.IsExpression.Count || !index.IsExpression[i]) && string.Equals(index.Columns[i], oldName, StringComparison.OrdinalIgnoreCase))
                    index.Columns[i] = newName;
            if (index.OperatorClasses.Remove(oldName, out var opClass)) index.OperatorClasses[newName] = opClass;
        }
        foreach (var unique in table.UniqueConstraints) Rename(unique.Columns, oldName, newName);
        foreach (var fk in table.ForeignKeys) Rename(fk.Columns, oldName, newName);
        foreach (var other in _schema.Tables)
            foreach (var fk in other.ForeignKeys)
                if (string.Equals(StripSchema(fk.TargetTable), table.Name, StringComparison.OrdinalIgnoreCase))
                    Rename(fk.TargetColumns, oldName, newName);
    }

    /// <summary>Table names are immutable in the model: a renamed table is a copy that keeps its creation span; FKs that point at it follow.</summary>
    private Table RenameTable(Table table, SqlName newName)
    {
        var renamed = new Table
        {
            Name = newName.Name, SchemaName = newName.Schema ?? table.SchemaName, PrimaryKey = table.PrimaryKey, Comment = table.Comment,
            Entity = table.Entity, IsAssociationTable = table.IsAssociationTable, Span = table.Span,
        };
        renamed.Columns.AddRange(table.Columns);
        renamed.Indexes.AddRange(table.Indexes);
        renamed.UniqueConstraints.AddRange(table.UniqueConstraints);
        renamed.ForeignKeys.AddRange(table.ForeignKeys);
        renamed.Checks.AddRange(table.Checks);
        _schema.Tables[_schema.Tables.IndexOf(table)] = renamed;
        _tables.Remove(table.Name);
        _tables[renamed.Name] = renamed;
        foreach (var other in _schema.Tables)
            foreach (var fk in other.ForeignKeys)
                if (string.Equals(StripSchema(fk.TargetTable), table.Name, StringComparison.OrdinalIgnoreCase))
                    fk.TargetTable = fk.TargetTable.Contains('.', StringComparison.Ordinal) ? $"{fk.TargetTable[..fk.TargetTable.LastIndexOf('.')]}.{renamed.Name}" : renamed.Name;
        foreach (var trigger in _triggers)
            if (string.Equals(trigger.Table, table.Name, StringComparison.OrdinalIgnoreCase)) trigger.Table = renamed.Name;
        return renamed;
    }

    private static string StripSchema(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }

    // ----- DROP, COMMENT -----

    private void Drop(DropStatement statement)
    {
        foreach (var name in statement.Names)
        {
            var found = statement.Kind switch
            {
                DropKind.Table => DropTable(name.Name),
                DropKind.Index => DropIndex(name.Name, statement.Table),
                DropKind.Type => _schema.Enums.RemoveAll(e => string.Equals(e.Name, name.Name, StringComparison.OrdinalIgnoreCase)) > 0,
                DropKind.Trigger => _triggers.RemoveAll(t => string.Equals(t.Statement.Name, name.Name, StringComparison.OrdinalIgnoreCase)) > 0,
                _ => true,
            };
            // A baseline's tables and indexes may be dropped without the history ever creating them.
            if (!found && !statement.IfExists && !(AllowUnseenBaseline && statement.Kind is DropKind.Table or DropKind.Index))
                Warn(statement.Span, $"DROP {statement.Kind.ToString().ToUpperInvariant()}: `{name}` does not exist at this point");
        }
    }

    private bool DropTable(string name)
    {
        if (!_tables.Remove(name, out var table)) return false;
        _schema.Tables.Remove(table);
        _triggers.RemoveAll(t => string.Equals(t.Table, name, StringComparison.OrdinalIgnoreCase));
        return true;
    }

    private bool DropIndex(string name, SqlName? tableName)
    {
        if (FindIndex(name, tableName?.Name) is { } found)
        {
            found.Table.Indexes.Remove(found.Index);
            return true;
        }
        // MySQL's DROP INDEX also removes UNIQUE KEYs.
        foreach (var table in _schema.Tables)
        {
            if (tableName is not null && !string.Equals(table.Name, tableName.Name, StringComparison.OrdinalIgnoreCase)) continue;
            if (table.UniqueConstraints.RemoveAll(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase)) > 0) return true;
        }
        return false;
    }

    private void Comment(CommentStatement statement)
    {
        var table = FindTable(statement.Table, statement.Span, "COMMENT ON");
        if (table is null) return;
        if (statement.Column is null)
        {
            table.Comment = statement.Text;
            return;
        }
        if (FindColumn(table, statement.Column, statement.Span) is { } column) column.Comment = statement.Text;
    }

    // ----- end of replay -----

    /// <summary>Resolves what needs the whole history: trigger hooks, implicit FK targets, late enum types, the dialect.</summary>
    public void Finish()
    {
        NoteBaseline();
        foreach (var pending in _triggers)
        {
            var trigger = pending.Statement;
            if (!trigger.OnUpdate || !_tables.TryGetValue(pending.Table, out var table)) continue;
            var columns = trigger.Function is { } function ? _triggerFunctions.GetValueOrDefault(function.Name) ?? [] : trigger.AssignedColumns;
            foreach (var name in columns.Distinct(StringComparer.OrdinalIgnoreCase))
                if (table.FindColumn(name) is { } column)
                    _schema.UpdateHooks.Add(new UpdateHook(table.Name, column.Name, $"trigger {trigger.Name}", trigger.Span));
        }
        foreach (var table in _schema.Tables)
        {
            foreach (var fk in table.ForeignKeys)
                if (fk.TargetColumns.Count == 0 && _tables.TryGetValue(StripSchema(fk.TargetTable), out var target) && target.PrimaryKey is { } key)
                    fk.TargetColumns.AddRange(key.Columns);
            foreach (var column in table.Columns)
                if (column.Type == LogicalType.Unknown && FindEnum(TypeBaseName(column.TypeAsWritten)) is { } enumType)
                {
                    column.Type = LogicalType.Enum;
                    column.EnumName = enumType.Name;
                }
        }
        if (_schema.Dialect is null && _dialectVotes.Count > 0)
            _schema.Dialect = _dialectVotes.OrderByDescending(v => v.Value).ThenBy(v => DialectRank(v.Key)).First().Key;
        if (_schema.Dialect == "sqlite")
        {
            // SQLite: an INTEGER PRIMARY KEY column is the rowid, assigned automatically.
            foreach (var table in _schema.Tables)
                if (table.PrimaryKey is { Columns.Count: 1 } key && table.FindColumn(key.Columns[0]) is { } column
                    && string.Equals(column.TypeAsWritten, "integer", StringComparison.OrdinalIgnoreCase))
                    column.IsIdentity = true;
        }
    }

    private static int DialectRank(string dialect) => dialect switch { "postgresql" => 0, "sqlite" => 1, _ => 2 };

    private static string TypeBaseName(string typeAsWritten)
    {
        var name = StripSchema(typeAsWritten.Trim());
        return name.Trim('"', '`', '[', ']');
    }
}
