using SchemaAudit.Frontends.Python;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Migrations;

/// <summary>
/// Turns the <c>op.*</c> calls of an Alembic <c>upgrade()</c> into the DDL statements the SQL
/// front-end produces, so one builder gives both the same semantics. <c>op.execute("...")</c>
/// SQL goes through the SQL parser, placed at its line in the Python file.
/// </summary>
internal sealed class AlembicOpTranslator(PyModule module, SqlSchemaBuilder builder, List<Diagnostic> diagnostics)
{
    private const int MaxDepth = 64;

    public void ReplayUpgrade()
    {
        var upgrade = module.Body.OfType<PyFunctionDef>().LastOrDefault(f => f.Name == "upgrade");
        if (upgrade is null)
        {
            diagnostics.Add(new Diagnostic(SourceSpan.At(module.Path, 1, 1), "Alembic migration has no upgrade() function", DiagnosticSeverity.Info));
            return;
        }
        Walk(upgrade.Body, batchAlias: null, batchTable: null, depth: 0);
    }

    private void Walk(IReadOnlyList<PyStmt> body, string? batchAlias, SqlName? batchTable, int depth)
    {
        if (depth > MaxDepth) return;
        foreach (var statement in body)
        {
            switch (statement)
            {
                case PyExprStmt { Value: PyCall call }:
                    Translate(call, batchAlias, batchTable);
                    break;
                case PyCompound { Keyword: "with" or "async with" } with:
                    var (alias, table) = BatchTarget(with);
                    foreach (var block in with.Blocks) Walk(block, alias ?? batchAlias, table ?? batchTable, depth + 1);
                    break;
                case PyIf branch:
                    Walk(branch.Body, batchAlias, batchTable, depth + 1);
                    Walk(branch.OrElse, batchAlias, batchTable, depth + 1);
                    break;
            }
        }
    }

    /// <summary><c>with op.batch_alter_table("t") as batch_op:</c> → (<c>batch_op</c>, <c>t</c>).</summary>
    private static (string? Alias, SqlName? Table) BatchTarget(PyCompound with)
    {
        foreach (var header in with.Headers)
        {
            var (context, target) = header is PyOtherExpr { Children: [var c, var t] } ? (c, t) : (header, null);
            if (context is PyCall { Func: PyAttribute { Attr: "batch_alter_table" } } call)
            {
                var args = new PyArgs(call);
                if (PyArgs.String(args.Get("table_name", 0)) is { } name)
                    return ((target as PyName)?.Id ?? "batch_op", new SqlName(PyArgs.String(args.Keyword("schema")), name));
            }
        }
        return (null, null);
    }

    private void Translate(PyCall call, string? batchAlias, SqlName? batchTable)
    {
        if (call.Func is not PyAttribute { Value: var receiver, Attr: var op }) return;
        if (op == "create" && receiver is PyCall enumCall && PyArgs.CallName(enumCall.Func) is "Enum" or "ENUM")
        {
            CreateEnum(enumCall, call);
            return;
        }
        var receiverName = (receiver as PyName)?.Id;
        var isBatch = batchAlias is not null && receiverName == batchAlias;
        if (receiverName != "op" && !isBatch) return;
        var args = new PyArgs(call);
        var span = module.SpanOf(call);
        // Batch operations omit the table argument: shift positions by one.
        var t = isBatch ? -1 : 0;
        SqlName? Table(string keyword, int position) =>
            isBatch ? batchTable : PyArgs.String(args.Get(keyword, position)) is { } name ? new SqlName(PyArgs.String(args.Keyword("schema")), name) : null;

        switch (op)
        {
            case "create_table": CreateTable(args, span); break;
            case "drop_table":
                if (Table("table_name", 0) is { } dropped) Apply(new DropStatement { Kind = DropKind.Table, Span = span }.With(dropped));
                break;
            case "rename_table":
                if (Table("old_table_name", 0) is { } old && PyArgs.String(args.Get("new_table_name", 1)) is { } renamed)
                    Alter(old, span, new RenameTableAction { NewName = new SqlName(old.Schema, renamed), Span = span });
                break;
            case "add_column":
                if (Table("table_name", 0) is { } addTo && args.Get("column", t + 1) is PyCall columnCall && ReadColumn(columnCall) is { } column)
                    Alter(addTo, span, new AddColumnAction { Column = column.Definition, Span = column.Definition.Span });
                break;
            case "drop_column":
                if (Table("table_name", 0) is { } dropFrom && PyArgs.String(args.Get("column_name", t + 1)) is { } dropColumn)
                    Alter(dropFrom, span, new DropColumnAction { Column = dropColumn, Span = span });
                break;
            case "alter_column":
                if (Table("table_name", 0) is { } alterIn && PyArgs.String(args.Get("column_name", t + 1)) is { } alterColumn)
                    AlterColumn(alterIn, alterColumn, args, span);
                break;
            case "create_index": CreateIndex(args, t, isBatch ? batchTable : null, span); break;
            case "drop_index":
                if (PyArgs.String(args.Get("index_name", 0)) is { } index)
                    Apply(new DropStatement { Kind = DropKind.Index, Span = span }.With(new SqlName(null, index)));
                break;
            case "create_foreign_key": CreateForeignKey(args, t, isBatch ? batchTable : null, span); break;
            case "create_unique_constraint":
            case "create_primary_key":
                if (Table("table_name", 1) is { } keyed)
                {
                    var constraint = new TableConstraintDef
                    {
                        Kind = op == "create_primary_key" ? TableConstraintKind.PrimaryKey : TableConstraintKind.Unique,
                        Name = PyArgs.String(args.Get("constraint_name", 0)),
                        NullsNotDistinct = PyArgs.Bool(args.Keyword("postgresql_nulls_not_distinct")) == true,
                        Span = span,
                    };
                    constraint.Columns.AddRange(PyArgs.Strings(args.Get("columns", t + 2)));
                    Alter(keyed, span, new AddConstraintAction { Constraint = constraint, Span = span });
                }
                break;
            case "create_check_constraint":
                if (Table("table_name", 1) is { } checkedTable && PyArgs.String(args.Get("condition", t + 2)) is { } condition)
                    Alter(checkedTable, span, new AddConstraintAction
                    {
                        Constraint = new TableConstraintDef { Kind = TableConstraintKind.Check, Name = PyArgs.String(args.Get("constraint_name", 0)), CheckExpression = condition, Span = span },
                        Span = span,
                    });
                break;
            case "drop_constraint":
                if (Table("table_name", 1) is { } constrained && PyArgs.String(args.Get("constraint_name", 0)) is { } constraintName)
                    Alter(constrained, span, new DropConstraintAction { Name = constraintName, Kind = ConstraintKind(PyArgs.String(args.Keyword("type_"))), Span = span });
                break;
            case "execute":
                Execute(args.Get("sqltext", 0));
                break;
        }
    }

    private void Apply(SqlStatement statement) => builder.Apply(statement);

    private void Alter(SqlName table, SourceSpan span, AlterAction action)
    {
        var statement = new AlterTableStatement { Table = table, Span = span };
        statement.Actions.Add(action);
        Apply(statement);
    }

    private static TableConstraintKind? ConstraintKind(string? type) => type switch
    {
        "foreignkey" => TableConstraintKind.ForeignKey,
        "unique" => TableConstraintKind.Unique,
        "primary" => TableConstraintKind.PrimaryKey,
        "check" => TableConstraintKind.Check,
        _ => null,
    };

    private sealed record ColumnRead(ColumnDef Definition, bool? Autoincrement);

    /// <summary><c>sa.Column("name", sa.Type(), sa.ForeignKey(...), nullable=..., server_default=...)</c>.</summary>
    private ColumnRead? ReadColumn(PyCall call)
    {
        if (PyArgs.CallName(call.Func) != "Column") return null;
        var args = new PyArgs(call);
        if (PyArgs.String(args[0]) is not { } name)
        {
            diagnostics.Add(new Diagnostic(module.SpanOf(call), "sa.Column() without a literal name: not replayed", DiagnosticSeverity.Warning));
            return null;
        }
        var definition = new ColumnDef { Name = name, Span = module.SpanOf(call) };
        foreach (var extra in args.Positional.Skip(1))
        {
            var extraName = extra is PyCall c ? PyArgs.CallName(c.Func) : null;
            switch (extraName)
            {
                case "ForeignKey" when extra is PyCall fkCall:
                    var fkArgs = new PyArgs(fkCall);
                    if (PyArgs.String(fkArgs[0]) is { } target && ReferenceOf(target, fkArgs) is { } reference)
                    {
                        definition.References = reference;
                        definition.ReferencesName = PyArgs.String(fkArgs.Keyword("name"));
                    }
                    break;
                case "Identity":
                    definition.Identity = true;
                    break;
                case "Computed" when extra is PyCall computed:
                    definition.GeneratedExpression = PyArgs.String(new PyArgs(computed)[0]) ?? "";
                    break;
                case "Sequence":
                    break;
                default:
                    definition.Type ??= AlembicTypeMapper.Map(extra, module);
                    break;
            }
        }
        var primaryKey = PyArgs.Bool(args.Keyword("primary_key")) == true;
        definition.PrimaryKey = primaryKey;
        var nullable = PyArgs.Bool(args.Keyword("nullable"));
        definition.NotNull = nullable is null ? primaryKey : !nullable.Value;
        definition.Unique = PyArgs.Bool(args.Keyword("unique")) == true;
        definition.Indexed = PyArgs.Bool(args.Keyword("index")) == true;
        definition.Comment = PyArgs.String(args.Keyword("comment"));
        if (args.Keyword("server_default") is { } serverDefault && !PyArgs.IsNone(serverDefault))
            (definition.DefaultExpression, definition.DefaultIsRawSql) = DefaultOf(serverDefault);
        definition.DefaultSpan = definition.Span;
        if (definition.Type is { Logical: LogicalType.Enum, EnumValues: null, EnumName: null }) definition.Type.EnumName = null;
        return new ColumnRead(definition, PyArgs.Bool(args.Keyword("autoincrement")));
    }

    /// <summary>A server default as SQL: <c>"x"</c> → <c>'x'</c>, <c>sa.text("now()")</c> → <c>now()</c> (raw SQL), <c>sa.func.now()</c> → <c>now()</c>.</summary>
    private (string Expression, bool IsRawSql) DefaultOf(PyExpr expr)
    {
        switch (expr)
        {
            case PyString s: return ($"'{s.Value.Replace("'", "''", StringComparison.Ordinal)}'", false);
            case PyCall { Func: var f } call when PyArgs.CallName(f) is "text" or "literal_column" && PyArgs.String(call) is { } raw: return (raw, true);
            case PyCall { Func: PyAttribute { Value: PyAttribute { Attr: "func" } or PyName { Id: "func" }, Attr: var function } }: return ($"{function}()", false);
            case PyConstant { Kind: PyConstantKind.True }: return ("true", false);
            case PyConstant { Kind: PyConstantKind.False }: return ("false", false);
            case PyNumber n: return (n.Text, false);
            default: return (module.TextOf(expr), true);
        }
    }

    /// <summary><c>"users.id"</c> / <c>"auth.users.id"</c> with <c>ondelete=</c>, <c>onupdate=</c>.</summary>
    private static ForeignKeyDef? ReferenceOf(string target, PyArgs args)
    {
        var dot = target.LastIndexOf('.');
        if (dot <= 0) return null;
        var tablePart = target[..dot];
        var schemaDot = tablePart.LastIndexOf('.');
        var reference = new ForeignKeyDef
        {
            Target = schemaDot < 0 ? new SqlName(null, tablePart) : new SqlName(tablePart[..schemaDot], tablePart[(schemaDot + 1)..]),
            OnDelete = ReferentialActionExtensions.Parse(PyArgs.String(args.Keyword("ondelete"))),
            OnUpdate = ReferentialActionExtensions.Parse(PyArgs.String(args.Keyword("onupdate"))),
        };
        reference.TargetColumns.Add(target[(dot + 1)..]);
        return reference;
    }

    private void CreateTable(PyArgs args, SourceSpan span)
    {
        if (PyArgs.String(args.Get("table_name", 0)) is not { } name) return;
        var statement = new CreateTableStatement { Name = new SqlName(PyArgs.String(args.Keyword("schema")), name), Span = span };
        var autoincrement = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var element in args.Positional.Skip(1))
        {
            if (element is not PyCall call) continue;
            var elementArgs = new PyArgs(call);
            var elementSpan = module.SpanOf(call);
            switch (PyArgs.CallName(call.Func))
            {
                case "Column":
                    if (ReadColumn(call) is { } column)
                    {
                        statement.Columns.Add(column.Definition);
                        autoincrement[column.Definition.Name] = column.Autoincrement;
                    }
                    break;
                case "PrimaryKeyConstraint":
                case "UniqueConstraint":
                    var keyed = new TableConstraintDef
                    {
                        Kind = PyArgs.CallName(call.Func) == "PrimaryKeyConstraint" ? TableConstraintKind.PrimaryKey : TableConstraintKind.Unique,
                        Name = PyArgs.String(elementArgs.Keyword("name")),
                        NullsNotDistinct = PyArgs.Bool(elementArgs.Keyword("postgresql_nulls_not_distinct")) == true,
                        Span = elementSpan,
                    };
                    keyed.Columns.AddRange(elementArgs.Positional.Select(PyArgs.String).OfType<string>());
                    statement.Constraints.Add(keyed);
                    break;
                case "ForeignKeyConstraint":
                    var targets = PyArgs.Strings(elementArgs.Get("refcolumns", 1));
                    if (targets.Count == 0 || ReferenceOf(targets[0], elementArgs) is not { } reference) break;
                    reference.TargetColumns.Clear();
                    reference.TargetColumns.AddRange(targets.Select(t => t[(t.LastIndexOf('.') + 1)..]));
                    var fk = new TableConstraintDef { Kind = TableConstraintKind.ForeignKey, Name = PyArgs.String(elementArgs.Keyword("name")), References = reference, Span = elementSpan };
                    fk.Columns.AddRange(PyArgs.Strings(elementArgs.Get("columns", 0)));
                    statement.Constraints.Add(fk);
                    break;
                case "CheckConstraint":
                    if (PyArgs.String(elementArgs.Get("sqltext", 0)) is { } check)
                        statement.Constraints.Add(new TableConstraintDef { Kind = TableConstraintKind.Check, Name = PyArgs.String(elementArgs.Keyword("name")), CheckExpression = check, Span = elementSpan });
                    break;
            }
        }
        MarkAutoincrement(statement, autoincrement);
        Apply(statement);
    }

    /// <summary>SQLAlchemy makes a lone integer primary key autoincrementing (SERIAL / IDENTITY) unless <c>autoincrement=False</c>.</summary>
    private static void MarkAutoincrement(CreateTableStatement statement, Dictionary<string, bool?> autoincrement)
    {
        var keyColumns = statement.Columns.Where(c => c.PrimaryKey).Select(c => c.Name)
            .Concat(statement.Constraints.Where(c => c.Kind == TableConstraintKind.PrimaryKey).SelectMany(c => c.Columns)).Distinct().ToList();
        if (keyColumns.Count != 1) return;
        var column = statement.Columns.Find(c => c.Name == keyColumns[0]);
        if (column?.Type?.Logical is LogicalType.Int16 or LogicalType.Int32 or LogicalType.Int64 && autoincrement.GetValueOrDefault(column.Name) != false)
            column.Identity = true;
    }

    private void CreateIndex(PyArgs args, int shift, SqlName? batchTable, SourceSpan span)
    {
        var table = batchTable ?? (PyArgs.String(args.Get("table_name", 1)) is { } name ? new SqlName(PyArgs.String(args.Keyword("schema")), name) : null);
        if (table is null) return;
        var statement = new CreateIndexStatement
        {
            Name = PyArgs.String(args.Get("index_name", 0)),
            Table = table,
            Unique = PyArgs.Bool(args.Keyword("unique")) == true,
            IfNotExists = PyArgs.Bool(args.Keyword("if_not_exists")) == true,
            Method = PyArgs.String(args.Keyword("postgresql_using")) ?? PyArgs.String(args.Keyword("mysql_using")),
            Where = PyArgs.String(args.Keyword("postgresql_where")) ?? PyArgs.String(args.Keyword("sqlite_where")),
            NullsNotDistinct = PyArgs.Bool(args.Keyword("postgresql_nulls_not_distinct")) == true,
            Span = span,
        };
        var ops = args.Keyword("postgresql_ops") as PyDict;
        IReadOnlyList<PyExpr> elements = args.Get("columns", shift + 2) switch { PyList l => l.Elements, PyTuple tuple => tuple.Elements, { } single => [single], null => [] };
        foreach (var element in elements)
        {
            if (PyArgs.String(element) is not { } text) continue;
            var isExpression = element is PyCall;
            string? opClass = null;
            if (ops is not null)
                for (var i = 0; i < ops.Keys.Count; i++)
                    if (PyArgs.String(ops.Keys[i]) == text) opClass = PyArgs.String(ops.Values[i]);
            statement.Elements.Add(new IndexElement(text, isExpression, opClass));
        }
        Apply(statement);
    }

    private void CreateForeignKey(PyArgs args, int shift, SqlName? batchTable, SourceSpan span)
    {
        var source = batchTable ?? (PyArgs.String(args.Get("source_table", 1)) is { } s ? new SqlName(PyArgs.String(args.Keyword("source_schema")), s) : null);
        if (source is null || PyArgs.String(args.Get("referent_table", shift + 2)) is not { } referent) return;
        var reference = new ForeignKeyDef
        {
            Target = new SqlName(PyArgs.String(args.Keyword("referent_schema")), referent),
            OnDelete = ReferentialActionExtensions.Parse(PyArgs.String(args.Keyword("ondelete"))),
            OnUpdate = ReferentialActionExtensions.Parse(PyArgs.String(args.Keyword("onupdate"))),
        };
        reference.TargetColumns.AddRange(PyArgs.Strings(args.Get("remote_cols", shift + 4)));
        var constraint = new TableConstraintDef { Kind = TableConstraintKind.ForeignKey, Name = PyArgs.String(args.Get("constraint_name", 0)), References = reference, Span = span };
        constraint.Columns.AddRange(PyArgs.Strings(args.Get("local_cols", shift + 3)));
        Alter(source, span, new AddConstraintAction { Constraint = constraint, Span = span });
    }

    /// <summary><c>op.alter_column(t, c, nullable=, type_=, server_default=, new_column_name=)</c>: one action per change, rename last.</summary>
    private void AlterColumn(SqlName table, string column, PyArgs args, SourceSpan span)
    {
        var statement = new AlterTableStatement { Table = table, Span = span };
        if (PyArgs.Bool(args.Keyword("nullable")) is { } nullable)
            statement.Actions.Add(new AlterColumnAction { Column = column, Kind = nullable ? AlterColumnKind.DropNotNull : AlterColumnKind.SetNotNull, Span = span });
        if (args.Keyword("type_") is { } type)
            statement.Actions.Add(new AlterColumnAction { Column = column, Kind = AlterColumnKind.SetType, Type = AlembicTypeMapper.Map(type, module), Span = span });
        if (args.Keyword("server_default") is { } serverDefault)
        {
            if (PyArgs.IsNone(serverDefault) || PyArgs.Bool(serverDefault) == false && serverDefault is PyConstant)
                statement.Actions.Add(new AlterColumnAction { Column = column, Kind = AlterColumnKind.DropDefault, Span = span });
            else
            {
                var (expression, raw) = DefaultOf(serverDefault);
                statement.Actions.Add(new AlterColumnAction { Column = column, Kind = AlterColumnKind.SetDefault, DefaultExpression = expression, DefaultIsRawSql = raw, Span = span });
            }
        }
        if (PyArgs.String(args.Keyword("new_column_name")) is { } newName)
            statement.Actions.Add(new RenameColumnAction { OldName = column, NewName = newName, Span = span });
        Apply(statement);
    }

    private void CreateEnum(PyCall enumCall, PyCall createCall)
    {
        var type = AlembicTypeMapper.Map(enumCall, module);
        if (type.EnumName is null) return;
        Apply(new CreateEnumStatement { Name = new SqlName(null, type.EnumName), Values = type.EnumValues ?? [], Span = module.SpanOf(createCall) });
    }

    /// <summary><c>op.execute("...")</c> / <c>op.execute(sa.text("..."))</c>: parsed as SQL at its place in the file.</summary>
    private void Execute(PyExpr? argument)
    {
        var literal = argument switch
        {
            PyString s => s,
            PyCall { Args: [{ Name: null, Value: PyString s }] } call when PyArgs.CallName(call.Func) == "text" => s,
            _ => null,
        };
        if (literal is null || literal.IsFString) return;
        var (line, column) = ContentStart(literal);
        builder.Apply(SqlParser.Parse(module.Path, literal.Value, line, column));
    }

    /// <summary>Where a string literal's content starts: after its prefix and opening quotes.</summary>
    private (int Line, int Column) ContentStart(PyString literal)
    {
        var source = module.Source;
        var offset = literal.Start;
        var column = literal.Column;
        while (offset < source.Length && char.IsLetter(source[offset])) { offset++; column++; }
        var quotes = offset + 2 < source.Length && source[offset + 1] == source[offset] && source[offset + 2] == source[offset] ? 3 : 1;
        return (literal.Line, column + quotes);
    }
}

internal static class DropStatementExtensions
{
    public static DropStatement With(this DropStatement statement, SqlName name)
    {
        statement.Names.Add(name);
        return statement;
    }
}
