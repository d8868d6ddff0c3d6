using SchemaAudit.Frontends.TypeScript;
using SchemaAudit.Model;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>
/// Column references (<c>.references(() =&gt; users.id, { onDelete })</c>) and the table's
/// extra-config callback, in both forms (<c>(t) =&gt; ({ ... })</c> and <c>(t) =&gt; [ ... ]</c>):
/// <c>index</c>, <c>uniqueIndex</c>, <c>primaryKey</c>, <c>foreignKey</c>, <c>unique</c>, <c>check</c>.
/// Runs once every table's columns are known.
/// </summary>
internal sealed class DrizzleConstraintExtractor(DrizzleProject project, DrizzleExpressions expressions, DrizzleContext context)
{
    public void Extract(DrizzleTable table)
    {
        foreach (var (column, call) in table.PendingReferences) ReadReference(table, column, call);
        if (table.Declaration.Arguments.Count > 2) ReadConfig(table, table.Declaration.Arguments[2]);
    }

    // ----- .references() -----

    private void ReadReference(DrizzleTable table, Column column, ModifierCall call)
    {
        var target = ColumnOfThunk(call.Arguments[0], call.Module, call.Scope);
        if (target is null)
        {
            context.Warn(call.Span, $"`{table.Model.Name}.{column.Name}` references `{call.Module.Ast.TextOf(call.Arguments[0])}`, which does not resolve to a table column");
            return;
        }
        var options = expressions.Options(call.Arguments.Count > 1 ? call.Arguments[1] : null, call.Module, call.Scope);
        var targetColumn = TargetColumnName(target, call.Span);
        var fk = new ForeignKey
        {
            TargetTable = target.Table.Model.QualifiedName,
            OnDelete = ReferentialActionExtensions.Parse(expressions.StringOption(options, "onDelete")),
            OnUpdate = ReferentialActionExtensions.Parse(expressions.StringOption(options, "onUpdate")),
            Span = call.Span,
        };
        fk.Columns.Add(column.Name);
        fk.TargetColumns.Add(targetColumn);
        fk.Name = expressions.StringOption(options, "name") ?? DrizzleNaming.ForeignKey(table.Model.Name, fk.Columns, target.Table.Model.Name, fk.TargetColumns);
        table.Model.ForeignKeys.Add(fk);
    }

    /// <summary>The column a thunk names: <c>() =&gt; users.id</c>, <c>(): AnyPgColumn =&gt; users.id</c>.</summary>
    private ColumnRefValue? ColumnOfThunk(TsExpr expression, DrizzleModule module, DrizzleScope? scope)
    {
        var value = project.Resolve(expression, module, scope);
        if (value is FunctionValue function && TsSyntax.ReturnedExpression(function.Function) is { } returned)
            return ColumnOf(returned, function.Module, function.Scope);
        return ColumnOf(expression, module, scope);
    }

    private ColumnRefValue? ColumnOf(TsExpr expression, DrizzleModule module, DrizzleScope? scope) =>
        DrizzleChain.Read(project, expression, module, scope).Base as ColumnRefValue;

    private string TargetColumnName(ColumnRefValue reference, SourceSpan span)
    {
        var name = reference.Table.ColumnName(reference.Key);
        if (name is not null) return name;
        context.Warn(span, $"table `{reference.Table.Model.Name}` has no column `{reference.Key}`");
        return reference.Key;
    }

    // ----- extra config -----

    private void ReadConfig(DrizzleTable table, TsExpr argument)
    {
        var module = table.Module;
        if (project.Resolve(argument, module, null) is not FunctionValue function)
        {
            context.Warn(module.Ast.SpanOf(argument), $"table `{table.Model.Name}`: the third argument is not a callback: constraints not read");
            return;
        }
        var scope = new DrizzleScope(function.Scope);
        if (function.Function.Parameters is [{ Pattern: var pattern }, ..])
        {
            foreach (var (key, local) in TsSyntax.BoundNames(pattern))
                scope.Bind(local, key is null ? new TableColumnsValue(table) : new ColumnRefValue(table, key));
        }
        project.BindLocals(function.Function, function.Module, scope);
        if (TsSyntax.ReturnedExpression(function.Function) is not { } returned)
        {
            context.Warn(module.Ast.SpanOf(function.Function), $"table `{table.Model.Name}`: the config callback returns nothing we can read");
            return;
        }
        foreach (var (entry, entryModule, entryScope) in ConfigEntries(returned, function.Module, scope, depth: 0))
            ReadEntry(table, entry, entryModule, entryScope);
    }

    /// <summary>The entries of the returned object (<c>{ byEmail: index()... }</c>) or array (<c>[index()...]</c>), spreads included.</summary>
    private IEnumerable<(TsExpr, DrizzleModule, DrizzleScope?)> ConfigEntries(TsExpr returned, DrizzleModule module, DrizzleScope? scope, int depth)
    {
        if (depth > 8) yield break;
        switch (project.Resolve(returned, module, scope))
        {
            case ExpressionValue { Expression: TsObjectLiteral obj } value:
                foreach (var property in obj.Properties)
                {
                    if (property.Kind == TsPropertyKind.Spread)
                        foreach (var inner in ConfigEntries(property.Value, value.Module, value.Scope, depth + 1)) yield return inner;
                    else yield return (property.Value, value.Module, value.Scope);
                }
                break;
            case ExpressionValue { Expression: TsArrayLiteral array } value:
                foreach (var element in array.Elements)
                {
                    if (element is TsSpread spread)
                        foreach (var inner in ConfigEntries(spread.Argument, value.Module, value.Scope, depth + 1)) yield return inner;
                    else if (element is not TsErrorExpr) yield return (element, value.Module, value.Scope);
                }
                break;
            case ExpressionValue { Expression: TsCall call } value when project.Invoke(call, value.Module, value.Scope) is { } helper:
                foreach (var inner in ConfigEntries(helper.Expression, helper.Module, helper.Scope, depth + 1)) yield return inner;
                break;
        }
    }

    private void ReadEntry(DrizzleTable table, TsExpr entry, DrizzleModule module, DrizzleScope? scope)
    {
        var span = module.Ast.SpanOf(entry);
        var chain = DrizzleChain.Read(project, entry, module, scope);
        switch (chain.BaseCall is null ? null : chain.DrizzleName)
        {
            case "index" or "uniqueIndex":
                ReadIndex(table, chain, span);
                break;
            case "primaryKey":
                ReadPrimaryKey(table, chain, span);
                break;
            case "foreignKey":
                ReadForeignKey(table, chain, span);
                break;
            case "unique":
                ReadUnique(table, chain, span);
                break;
            case "check":
                ReadCheck(table, chain, span);
                break;
            case "pgPolicy" or "policy":
                break; // row-level security: not a schema fact we model
            default:
                context.Info(span, $"table `{table.Model.Name}`: unrecognised config entry `{Shorten(module.Ast.TextOf(entry))}`: skipped");
                break;
        }
    }

    private static string Shorten(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length > 60 ? line[..60] + "…" : line;
    }

    private void ReadIndex(DrizzleTable table, DrizzleChain chain, SourceSpan span)
    {
        var index = new Index { IsUnique = chain.DrizzleName == "uniqueIndex", Span = span };
        var given = chain.BaseCall!.Arguments.Count > 0 ? project.StringOf(chain.BaseCall.Arguments[0], chain.BaseModule, chain.BaseScope) : null;
        foreach (var modifier in chain.Modifiers)
        {
            switch (modifier.Name)
            {
                case "on" or "onOnly":
                    foreach (var argument in modifier.Arguments) AddIndexElement(table, index, argument, modifier);
                    break;
                case "using" when modifier.Arguments.Count > 0:
                    index.Method = project.StringOf(modifier.Arguments[0], modifier.Module, modifier.Scope);
                    for (var i = 1; i < modifier.Arguments.Count; i++) AddIndexElement(table, index, modifier.Arguments[i], modifier);
                    break;
                case "where" when modifier.Arguments.Count > 0:
                    index.Where = expressions.RenderSql(modifier.Arguments[0], modifier.Module, modifier.Scope, table)
                                  ?? modifier.Module.Ast.TextOf(modifier.Arguments[0]);
                    break;
            }
        }
        if (index.Columns.Count == 0)
        {
            context.Warn(span, $"table `{table.Model.Name}`: index without columns (no `.on(...)`): skipped");
            return;
        }
        index.Name = given ?? DrizzleNaming.Index(table.Model.Name, index.Columns);
        table.Model.Indexes.Add(index);
    }

    /// <summary>One element of <c>.on(...)</c>: a column (with <c>.op()</c>, <c>.asc()</c>, ...) or a <c>sql`...`</c> expression.</summary>
    private void AddIndexElement(DrizzleTable table, Index index, TsExpr argument, ModifierCall at)
    {
        var chain = DrizzleChain.Read(project, argument, at.Module, at.Scope);
        if (chain.Base is ColumnRefValue reference)
        {
            var name = TargetColumnName(reference, at.Span);
            index.Columns.Add(name);
            index.IsExpression.Add(false);
            if (chain.Last("op") is { Arguments.Count: > 0 } op && project.StringOf(op.Arguments[0], op.Module, op.Scope) is { } opClass)
                index.OperatorClasses[name] = opClass;
            return;
        }
        var sql = expressions.RenderSql(argument, at.Module, at.Scope, table);
        if (sql is null) context.Info(at.Module.Ast.SpanOf(argument), $"table `{table.Model.Name}`: index element is neither a column nor sql: kept as text");
        index.Columns.Add(sql ?? at.Module.Ast.TextOf(argument));
        index.IsExpression.Add(true);
    }

    /// <summary>Columns named in a list (<c>[t.a, t.b]</c>) or as arguments (<c>t.a, t.b</c>).</summary>
    private List<(string Name, DrizzleTable Table)> ColumnList(IEnumerable<(TsExpr, DrizzleModule, DrizzleScope?)> items, SourceSpan span)
    {
        var result = new List<(string, DrizzleTable)>();
        foreach (var (item, module, scope) in items)
        {
            if (ColumnOf(item, module, scope) is { } reference) result.Add((TargetColumnName(reference, span), reference.Table));
            else context.Warn(span, $"`{module.Ast.TextOf(item)}` does not resolve to a table column");
        }
        return result;
    }

    /// <summary><c>primaryKey({ columns: [t.a, t.b], name })</c>, or the older <c>primaryKey(t.a, t.b)</c>.</summary>
    private void ReadPrimaryKey(DrizzleTable table, DrizzleChain chain, SourceSpan span)
    {
        var call = chain.BaseCall!;
        var (columns, name) = ColumnsOption(call, chain, span);
        if (columns.Count == 0) return;
        var pk = new PrimaryKey { Name = name, Span = span };
        foreach (var (column, _) in columns)
        {
            pk.Columns.Add(column);
            if (table.Model.FindColumn(column) is { } model)
            {
                model.IsPrimaryKey = true;
                model.Nullable = false; // PostgreSQL makes primary key columns NOT NULL
            }
        }
        table.Model.PrimaryKey = pk;
    }

    private (List<(string Name, DrizzleTable Table)> Columns, string? Name) ColumnsOption(TsCall call, DrizzleChain chain, SourceSpan span)
    {
        if (call.Arguments is [var first] && TsSyntax.Unwrap(first) is TsObjectLiteral)
        {
            var options = expressions.Options(first, chain.BaseModule, chain.BaseScope);
            var name = expressions.StringOption(options, "name");
            if (!options.TryGetValue("columns", out var columns)) return ([], name);
            return (ColumnList(expressions.Elements(columns.Value, columns.Module, columns.Scope), span), name);
        }
        return (ColumnList(call.Arguments.Select(a => (a, chain.BaseModule, chain.BaseScope)), span), null);
    }

    private void ReadForeignKey(DrizzleTable table, DrizzleChain chain, SourceSpan span)
    {
        var call = chain.BaseCall!;
        if (call.Arguments.Count == 0) return;
        var options = expressions.Options(call.Arguments[0], chain.BaseModule, chain.BaseScope);
        var columns = options.TryGetValue("columns", out var c) ? ColumnList(expressions.Elements(c.Value, c.Module, c.Scope), span) : [];
        var targets = options.TryGetValue("foreignColumns", out var f) ? ColumnList(expressions.Elements(f.Value, f.Module, f.Scope), span) : [];
        if (columns.Count == 0 || targets.Count == 0)
        {
            context.Warn(span, $"table `{table.Model.Name}`: foreignKey without readable `columns` and `foreignColumns`: skipped");
            return;
        }
        var targetTable = targets[0].Table;
        var fk = new ForeignKey { TargetTable = targetTable.Model.QualifiedName, Span = span };
        fk.Columns.AddRange(columns.Select(x => x.Name));
        fk.TargetColumns.AddRange(targets.Select(x => x.Name));
        foreach (var modifier in chain.Modifiers)
        {
            var action = modifier.Arguments.Count > 0 ? project.StringOf(modifier.Arguments[0], modifier.Module, modifier.Scope) : null;
            if (modifier.Name == "onDelete") fk.OnDelete = ReferentialActionExtensions.Parse(action);
            else if (modifier.Name == "onUpdate") fk.OnUpdate = ReferentialActionExtensions.Parse(action);
        }
        fk.Name = expressions.StringOption(options, "name") ?? DrizzleNaming.ForeignKey(table.Model.Name, fk.Columns, targetTable.Model.Name, fk.TargetColumns);
        table.Model.ForeignKeys.Add(fk);
    }

    private void ReadUnique(DrizzleTable table, DrizzleChain chain, SourceSpan span)
    {
        var unique = new UniqueConstraint { Span = span };
        var call = chain.BaseCall!;
        var given = call.Arguments.Count > 0 ? project.StringOf(call.Arguments[0], chain.BaseModule, chain.BaseScope) : null;
        foreach (var modifier in chain.Modifiers)
        {
            if (modifier.Name == "on")
                unique.Columns.AddRange(ColumnList(modifier.Arguments.Select(a => (a, modifier.Module, modifier.Scope)), span).Select(x => x.Name));
            else if (modifier.Name == "nullsNotDistinct")
                unique.NullsNotDistinct = true;
        }
        if (unique.Columns.Count == 0)
        {
            context.Warn(span, $"table `{table.Model.Name}`: unique() without `.on(...)` columns: skipped");
            return;
        }
        unique.Name = given ?? DrizzleNaming.Unique(table.Model.Name, unique.Columns);
        table.Model.UniqueConstraints.Add(unique);
    }

    private void ReadCheck(DrizzleTable table, DrizzleChain chain, SourceSpan span)
    {
        var call = chain.BaseCall!;
        if (call.Arguments.Count < 2)
        {
            context.Warn(span, $"table `{table.Model.Name}`: check() needs a name and a sql expression");
            return;
        }
        var expression = expressions.RenderSql(call.Arguments[1], chain.BaseModule, chain.BaseScope, table)
                         ?? chain.BaseModule.Ast.TextOf(call.Arguments[1]);
        table.Model.Checks.Add(new CheckConstraint
        {
            Name = project.StringOf(call.Arguments[0], chain.BaseModule, chain.BaseScope),
            Expression = expression,
            Span = span,
        });
    }
}
