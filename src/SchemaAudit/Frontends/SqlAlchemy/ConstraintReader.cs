using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>One element of an index or constraint: a column name, or an expression's text.</summary>
internal readonly record struct ColumnElement(string Text, bool IsExpression, TableBuilder? Owner);

/// <summary>
/// Reads table-level items: <c>Index</c>, <c>UniqueConstraint</c>, <c>PrimaryKeyConstraint</c>,
/// <c>CheckConstraint</c>, <c>ForeignKeyConstraint</c> (in <c>__table_args__</c>, in <c>Table(...)</c>
/// or at module level), <c>__table_args__</c> itself, and <c>Table(...)</c> calls.
/// </summary>
internal sealed class ConstraintReader(
    ProjectIndex index, ColumnReader columns, DialectVotes dialect, ExtractionDiagnostics diagnostics, ModelRegistry registry)
{
    /// <summary>Applies an Index/constraint call to <paramref name="table"/>; false when the call is none of them.</summary>
    public bool ReadItem(ModuleInfo module, PyCall call, TableBuilder table)
    {
        switch (index.ApiName(module, call))
        {
            case "Index":
                table.Table.Indexes.Add(ReadIndex(module, call, table, out _));
                return true;
            case "UniqueConstraint":
                dialect.VoteKeywords(call);
                var unique = new UniqueConstraint
                {
                    Name = PyExpressions.AsString(call.KeywordValue("name")),
                    NullsNotDistinct = PyExpressions.AsBool(call.KeywordValue("postgresql_nulls_not_distinct")) == true,
                    Span = module.Ast.SpanOf(call),
                };
                foreach (var e in call.Positional()) unique.Columns.Add(Element(module, e, table).Text);
                table.Table.UniqueConstraints.Add(unique);
                return true;
            case "PrimaryKeyConstraint":
                var key = new PrimaryKey { Name = PyExpressions.AsString(call.KeywordValue("name")), Span = module.Ast.SpanOf(call) };
                foreach (var e in call.Positional()) key.Columns.Add(Element(module, e, table).Text);
                table.SetPrimaryKey(key);
                return true;
            case "CheckConstraint":
                table.Table.Checks.Add(ColumnReader.ReadCheck(module, call));
                return true;
            case "ForeignKeyConstraint":
                ReadForeignKeyConstraint(module, call, table);
                return true;
            default:
                return false;
        }
    }

    public Model.Index ReadIndex(ModuleInfo module, PyCall call, TableBuilder? table, out TableBuilder? owner)
    {
        dialect.VoteKeywords(call);
        var positional = call.Positional().ToList();
        var result = new Model.Index
        {
            IsUnique = PyExpressions.AsBool(call.KeywordValue("unique")) == true,
            NullsNotDistinct = PyExpressions.AsBool(call.KeywordValue("postgresql_nulls_not_distinct")) == true,
            Span = module.Ast.SpanOf(call),
            Origin = IndexOrigin.Explicit,
        };
        var elements = positional;
        if (positional.Count > 0 && PyExpressions.AsString(positional[0]) is { } name)
        {
            result.Name = name;
            elements = positional.GetRange(1, positional.Count - 1);
        }
        else if (PyExpressions.IsNone(positional.FirstOrDefault()))
        {
            elements = positional.GetRange(1, positional.Count - 1);
        }
        owner = table;
        foreach (var e in elements)
        {
            var element = Element(module, e, table);
            owner ??= element.Owner;
            result.Columns.Add(element.Text);
            result.IsExpression.Add(element.IsExpression);
        }
        var where = call.KeywordValue("postgresql_where") ?? call.KeywordValue("sqlite_where");
        if (where is not null) result.Where = SqlText(module, where);
        result.Method = PyExpressions.AsString(call.KeywordValue("postgresql_using"));
        if (call.KeywordValue("postgresql_ops") is PyDict ops)
        {
            for (var i = 0; i < ops.Keys.Count; i++)
            {
                if (PyExpressions.AsString(ops.Keys[i]) is { } col && PyExpressions.AsString(ops.Values[i]) is { } opclass)
                    result.OperatorClasses[owner?.ColumnName(col) ?? col] = opclass;
            }
        }
        return result;
    }

    private void ReadForeignKeyConstraint(ModuleInfo module, PyCall call, TableBuilder table)
    {
        var local = call.PositionalAt(0) ?? call.KeywordValue("columns");
        var remote = call.PositionalAt(1) ?? call.KeywordValue("refcolumns");
        if (local is null || remote is null) return;
        var remoteElements = PyExpressions.Elements(remote);
        var first = remoteElements.Count > 0 ? remoteElements[0] : null;
        var text = PyExpressions.AsString(first);
        var fk = ColumnReader.NewForeignKey(text ?? "", "", module.Ast.SpanOf(call));
        fk.Columns.Clear();
        fk.TargetColumns.Clear();
        foreach (var e in PyExpressions.Elements(local)) fk.Columns.Add(Element(module, e, table).Text);
        foreach (var e in remoteElements)
        {
            var target = PyExpressions.AsString(e);
            fk.TargetColumns.Add(target is null ? (PyExpressions.LastName(e) ?? "") : target[(target.LastIndexOf('.') + 1)..]);
        }
        fk.Name = PyExpressions.AsString(call.KeywordValue("name"));
        fk.OnDelete = ReferentialActionExtensions.Parse(PyExpressions.AsString(call.KeywordValue("ondelete")));
        fk.OnUpdate = ReferentialActionExtensions.Parse(PyExpressions.AsString(call.KeywordValue("onupdate")));
        table.Table.ForeignKeys.Add(fk);
        table.ForeignKeys.Add(new ForeignKeyDraft { Model = fk, Module = module, TargetText = text, TargetExpression = text is null ? first : null });
    }

    /// <summary><c>__table_args__</c>: a tuple of items with an optional trailing dict, or a dict alone.</summary>
    public void ReadTableArgs(AttrDef def, TableBuilder table)
    {
        var module = def.Owner.Module;
        switch (def.Value)
        {
            case PyDict options:
                ReadTableOptions(module, options, table);
                break;
            case PyTuple or PyList:
                foreach (var item in PyExpressions.Elements(def.Value))
                {
                    if (item is PyDict dict) ReadTableOptions(module, dict, table);
                    else if (item is PyCall call && ReadItem(module, call, table)) { }
                    else diagnostics.Info(module.Ast.SpanOf(item), $"`__table_args__` of `{table.Table.Name}`: item not read");
                }
                break;
            case null:
                break;
            default:
                diagnostics.Info(module.Ast.SpanOf(def.NameNode), $"`__table_args__` of `{table.Table.Name}` is not a tuple or dict literal; not read");
                break;
        }
    }

    private void ReadTableOptions(ModuleInfo module, PyDict options, TableBuilder table)
    {
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = PyExpressions.AsString(options.Keys[i]);
            switch (key)
            {
                case "schema":
                    table.Table.SchemaName = PyExpressions.AsString(options.Values[i]);
                    break;
                case "comment":
                    table.Table.Comment = PyExpressions.AsString(options.Values[i]);
                    break;
                default:
                    dialect.VoteKeyword(key);
                    break;
            }
        }
        _ = module;
    }

    /// <summary>A <c>Table("name", metadata, Column(...), ...)</c> call; null when its name is not a literal.</summary>
    public TableBuilder? ReadCoreTable(ModuleInfo module, PyCall call, SourceSpan span)
    {
        var name = PyExpressions.AsString(call.PositionalAt(0)) ?? PyExpressions.AsString(call.KeywordValue("name"));
        if (name is null)
        {
            diagnostics.Warning(module.Ast.SpanOf(call), "`Table(...)` with a name that is not a string literal; table not read");
            return null;
        }
        var table = new TableBuilder(new Table { Name = name, Span = span });
        var items = new List<PyCall>();
        foreach (var arg in call.Positional().Skip(1))
        {
            if (arg is not PyCall c) continue;
            if (index.ApiName(module, c) == "Column")
                table.Add(columns.Read(new ColumnSource { Module = module, SpanNode = c, Call = c, Flavor = DeclarativeFlavor.Classic }));
            else items.Add(c);
        }
        foreach (var c in items) ReadItem(module, c, table);
        table.Table.SchemaName = PyExpressions.AsString(call.KeywordValue("schema"));
        table.Table.Comment = PyExpressions.AsString(call.KeywordValue("comment"));
        dialect.VoteKeywords(call);
        if (call.Args.Any(a => a.Star != 0))
            diagnostics.Info(module.Ast.SpanOf(call), $"`Table(\"{name}\")` takes `*`/`**` arguments; columns or options given through them are not read");
        return table;
    }

    /// <summary>Resolves an index/constraint element to a column name or an expression.</summary>
    public ColumnElement Element(ModuleInfo module, PyExpr e, TableBuilder? current, int depth = 0)
    {
        if (depth > 8) return new ColumnElement(module.Ast.TextOf(e), true, current);
        switch (e)
        {
            case PyString { IsFString: false } s:
                return new ColumnElement(current?.ColumnName(s.Value) ?? s.Value, false, current);
            case PyName n:
                return new ColumnElement(current?.ColumnName(n.Id) ?? n.Id, false, current);
            case PyAttribute a:
                switch (index.Resolve(module, a))
                {
                    case MemberSymbol { Owner: ClassSymbol cls, Name: var attr } when registry.BuilderOf(cls.Class) is { } owner:
                        return new ColumnElement(owner.ColumnName(attr), false, owner);
                    case MemberSymbol { Owner: MemberSymbol { Name: "c" or "columns", Owner: var tableRef }, Name: var col } when registry.BuilderOf(tableRef) is { } coreOwner:
                        return new ColumnElement(coreOwner.ColumnName(col), false, coreOwner);
                }
                return new ColumnElement(module.Ast.TextOf(e), true, current);
            case PyCall call:
                var fn = PyExpressions.LastName(call.Func);
                if (call.Func is PyAttribute { Attr: "desc" or "asc" or "nulls_first" or "nulls_last" or "nullsfirst" or "nullslast" } m && call.Args.Count == 0)
                    return Element(module, m.Value, current, depth + 1) with { };
                if (fn is "desc" or "asc" or "nulls_first" or "nulls_last" or "nullsfirst" or "nullslast" && call.PositionalAt(0) is { } inner)
                    return Element(module, inner, current, depth + 1);
                if (fn is "text" or "literal_column" && PyExpressions.AsString(call.PositionalAt(0)) is { } sql)
                    return new ColumnElement(sql, true, current);
                return new ColumnElement(module.Ast.TextOf(e), true, current ?? OwnerIn(module, call));
            default:
                return new ColumnElement(module.Ast.TextOf(e), true, current);
        }
    }

    // func.lower(User.email) at module level: the table is the one its columns belong to.
    private TableBuilder? OwnerIn(ModuleInfo module, PyCall call)
    {
        foreach (var d in PyExpressions.Descendants(call))
        {
            if (d is PyAttribute a && Element(module, a, null, 8) is { IsExpression: false, Owner: { } owner }) return owner;
        }
        return null;
    }

    private static string SqlText(ModuleInfo module, PyExpr where) =>
        PyExpressions.AsString(where)
        ?? (where is PyCall { Func: var f } c && PyExpressions.LastName(f) == "text" && PyExpressions.AsString(c.PositionalAt(0)) is { } sql ? sql : module.Ast.TextOf(where));
}
