using SchemaAudit.Frontends.TypeScript;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>
/// Finds the tables (<c>pgTable</c>, <c>sqliteTable</c>, <c>mysqlTable</c>, <c>pgSchema(...).table</c>,
/// <c>pgTableCreator</c> results) and enums (<c>pgEnum</c>) declared at the top level of every
/// module, then reads each table's columns with their modifiers.
/// </summary>
internal sealed class DrizzleTableExtractor(DrizzleProject project, DrizzleExpressions expressions, DrizzleContext context)
{
    private readonly Dictionary<TsExpr, EnumType> _enumsByDeclaration = new(ReferenceEqualityComparer.Instance);

    public List<DrizzleTable> Tables { get; } = [];

    /// <summary>Registers every table and enum first, so that references between files resolve whatever the file order.</summary>
    public void Discover()
    {
        foreach (var module in project.Modules)
        {
            foreach (var (name, declarator, declaration) in module.TopLevelConstants)
            {
                var init = TsSyntax.Unwrap(declarator.Initializer!);
                if (init is not TsCall) continue;
                var chain = DrizzleChain.Read(project, init, module, null);
                if (TryEnum(chain, module, declarator)) continue;
                TryTable(chain, init, name, module, declarator, declaration);
            }
        }
    }

    public void ExtractColumns()
    {
        foreach (var table in Tables)
        {
            var arguments = table.Declaration.Arguments;
            if (arguments.Count < 2)
            {
                context.Warn(table.Module.Ast.SpanOf(table.Declaration), $"table `{table.Model.Name}` has no columns object");
                continue;
            }
            var columns = new List<(string Key, TsProperty Property, DrizzleModule Module, DrizzleScope? Scope)>();
            CollectColumnProperties(arguments[1], table.Module, null, table, columns, depth: 0);
            foreach (var (key, property, module, scope) in columns)
                ReadColumn(table, key, property, module, scope);
        }
    }

    // ----- enums -----

    private bool TryEnum(DrizzleChain chain, DrizzleModule module, TsVariableDeclarator declarator)
    {
        TsCall? call = null;
        string? schemaName = null;
        if (chain.DrizzleName is "pgEnum" && chain.BaseCall is not null) call = chain.BaseCall;
        else if (chain.DrizzleName is "pgSchema" && chain.Modifiers is [{ Name: "enum" } enumCall, ..] && chain.BaseCall is { Arguments.Count: > 0 } schemaCall)
        {
            call = enumCall.Call;
            schemaName = project.StringOf(schemaCall.Arguments[0], chain.BaseModule, null);
        }
        if (call is null) return false;
        var span = module.Ast.SpanOf(declarator);
        var name = call.Arguments.Count > 0 ? project.StringOf(call.Arguments[0], module, null) : null;
        if (name is null)
        {
            context.Warn(span, "pgEnum name is not a string literal: enum skipped");
            return true;
        }
        var values = new List<string>();
        if (call.Arguments.Count > 1)
        {
            foreach (var (element, elementModule, elementScope) in expressions.Elements(call.Arguments[1], module, null))
                if (project.StringOf(element, elementModule, elementScope) is { } value) values.Add(value);
            if (values.Count == 0)
                context.Info(span, $"values of enum `{name}` are not a literal array: kept without values");
        }
        var enumType = new EnumType(schemaName is null ? name : $"{schemaName}.{name}", values, span);
        context.Schema.Enums.Add(enumType);
        _enumsByDeclaration[call] = enumType;
        _enumsByDeclaration[TsSyntax.Unwrap(declarator.Initializer!)] = enumType;
        return true;
    }

    // ----- tables -----

    private void TryTable(DrizzleChain chain, TsExpr init, string variable, DrizzleModule module, TsVariableDeclarator declarator, TsVariableDecl declaration)
    {
        TsCall? call = null;
        string? schemaName = null;
        string? dialect = null;
        Func<string, string>? rename = null;
        if (chain.DrizzleName is { } fn && DrizzleDialects.OfTableFunction(fn) is { } tableDialect)
        {
            call = chain.BaseCall;
            dialect = DialectOf(chain.Base) ?? tableDialect;
        }
        else if (chain.DrizzleName is "pgSchema" or "mysqlSchema" && chain.Modifiers is [{ Name: "table" } tableCall, ..] && chain.BaseCall is { Arguments.Count: > 0 } schemaCall)
        {
            call = tableCall.Call;
            schemaName = project.StringOf(schemaCall.Arguments[0], chain.BaseModule, null);
            dialect = DialectOf(chain.Base) ?? (chain.DrizzleName == "pgSchema" ? DrizzleDialects.Postgres : DrizzleDialects.MySql);
        }
        else if (chain.Base is ExpressionValue creator && chain.BaseCall is not null
                 && DrizzleChain.Read(project, creator.Expression, creator.Module, creator.Scope) is { DrizzleName: { } creatorName } creatorChain
                 && creatorName is "pgTableCreator" or "sqliteTableCreator" or "mysqlTableCreator" or "singlestoreTableCreator")
        {
            call = chain.BaseCall;
            dialect = DialectOf(creatorChain.Base) ?? DrizzleDialects.OfTableFunction(creatorName.Replace("Creator", "", StringComparison.Ordinal));
            rename = TableCreatorRename(creatorChain);
        }
        if (call is null) return;

        var span = module.Ast.SpanOf(declarator);
        var name = call.Arguments.Count > 0 ? project.StringOf(call.Arguments[0], module, null) : null;
        if (name is null)
        {
            context.Warn(span, $"the table name of `{variable}` is not a string literal: using the variable name");
            name = variable;
        }
        if (rename is not null) name = rename(name);
        var entity = new Entity { Name = variable, TableName = name, Span = span, HasDoc = declaration.DocComment is not null };
        var model = new Table { Name = name, SchemaName = schemaName, Span = span, Entity = entity };
        var table = new DrizzleTable
        {
            Model = model, Entity = entity, Module = module, Declaration = call, Dialect = dialect ?? context.Dialect ?? DrizzleDialects.Postgres,
        };
        Tables.Add(table);
        project.TablesByDeclaration[call] = table;
        project.TablesByDeclaration[init] = table;
        context.Schema.Tables.Add(model);
        context.Schema.Entities.Add(entity);
    }

    private static string? DialectOf(DrizzleValue value) => value is ExternalValue e ? DrizzleDialects.OfPackage(e.Package) : null;

    /// <summary><c>pgTableCreator((name) =&gt; `app_${name}`)</c>: the prefix and suffix around the name.</summary>
    private Func<string, string>? TableCreatorRename(DrizzleChain creator)
    {
        if (creator.BaseCall is not { Arguments.Count: > 0 } call) return null;
        if (project.Resolve(call.Arguments[0], creator.BaseModule, null) is not FunctionValue function) return null;
        if (TsSyntax.ReturnedExpression(function.Function) is not { } returned) return null;
        if (TsSyntax.Unwrap(returned) is TsTemplate { Quasis: [var prefix, var suffix], Expressions: [TsIdentifier] })
            return name => prefix + name + suffix;
        context.Info(function.Module.Ast.SpanOf(function.Function), "table name function is not a simple template: table names used as written");
        return null;
    }

    // ----- columns -----

    private void CollectColumnProperties(TsExpr expression, DrizzleModule module, DrizzleScope? scope, DrizzleTable table,
        List<(string, TsProperty, DrizzleModule, DrizzleScope?)> into, int depth)
    {
        if (depth > 16) return;
        switch (project.Resolve(expression, module, scope))
        {
            case ExpressionValue { Expression: TsObjectLiteral obj } value:
                foreach (var property in obj.Properties)
                {
                    if (property.Kind == TsPropertyKind.Spread)
                    {
                        CollectColumnProperties(property.Value, value.Module, value.Scope, table, into, depth + 1);
                    }
                    else if (property.Key is { Length: > 0 } key && property.Kind is TsPropertyKind.Init or TsPropertyKind.Shorthand)
                    {
                        var existing = into.FindIndex(c => c.Item1 == key);
                        if (existing >= 0) into[existing] = (key, property, value.Module, value.Scope); // a later key wins, in place
                        else into.Add((key, property, value.Module, value.Scope));
                    }
                    else if (property.Kind != TsPropertyKind.Init || property.ComputedKey is not null)
                    {
                        context.Info(value.Module.Ast.SpanOf(property), $"table `{table.Model.Name}`: computed or method member is not a column: skipped");
                    }
                }
                break;
            case ExpressionValue { Expression: TsCall call } value when project.Invoke(call, value.Module, value.Scope) is { } returned:
                CollectColumnProperties(returned.Expression, returned.Module, returned.Scope, table, into, depth + 1);
                break;
            case FunctionValue function when TsSyntax.ReturnedExpression(function.Function) is { } returned:
                // pgTable('users', (t) => ({ id: t.integer() })): the parameter holds the column builders.
                var builders = new DrizzleScope(function.Scope);
                var package = CorePackage(table.Dialect);
                if (function.Function.Parameters is [{ Pattern: var pattern }, ..])
                {
                    foreach (var (key, local) in TsSyntax.BoundNames(pattern))
                        builders.Bind(local, key is null ? new ExternalNamespaceValue(package) : new ExternalValue(package, key));
                }
                project.BindLocals(function.Function, function.Module, builders);
                CollectColumnProperties(returned, function.Module, builders, table, into, depth + 1);
                break;
            default:
                context.Warn(module.Ast.SpanOf(expression), $"cannot read the columns of table `{table.Model.Name}` (not an object literal)");
                break;
        }
    }

    private static string CorePackage(string dialect) => dialect switch
    {
        DrizzleDialects.Sqlite => "drizzle-orm/sqlite-core",
        DrizzleDialects.MySql => "drizzle-orm/mysql-core",
        _ => "drizzle-orm/pg-core",
    };

    private void ReadColumn(DrizzleTable table, string key, TsProperty property, DrizzleModule module, DrizzleScope? scope)
    {
        var span = module.Ast.SpanOf(property);
        var chain = DrizzleChain.Read(project, property.Value, module, scope);
        if (chain.BaseCall is not { } builderCall)
        {
            context.Warn(span, $"`{table.Model.Name}.{key}` is not a Drizzle column builder call: column skipped");
            return;
        }

        var builder = chain.DrizzleName;
        var dialect = DialectOf(chain.Base) ?? table.Dialect;
        EnumType? enumType = null;
        if (builder is null && chain.Base is ExpressionValue enumValue)
        {
            if (_enumsByDeclaration.TryGetValue(enumValue.Expression, out enumType)) builder = "enum";
            else if (DrizzleChain.Read(project, enumValue.Expression, enumValue.Module, enumValue.Scope).DrizzleName == "customType") builder = "customType";
        }
        if (builder is null)
        {
            context.Warn(span, $"`{table.Model.Name}.{key}`: `{module.Ast.TextOf(builderCall.Callee)}` is not a known Drizzle column builder: column skipped");
            return;
        }

        var arguments = builderCall.Arguments;
        var givenName = arguments.Count > 0 ? project.StringOf(arguments[0], chain.BaseModule, chain.BaseScope) : null;
        var configArgument = givenName is null ? arguments.Count > 0 ? arguments[0] : null : arguments.Count > 1 ? arguments[1] : null;
        var config = expressions.Options(configArgument, chain.BaseModule, chain.BaseScope);
        var options = new DrizzleColumnTypes.Options(
            expressions.StringOption(config, "mode"),
            expressions.BoolOption(config, "withTimezone") ?? false,
            expressions.IntOption(config, "length"));

        LogicalType type;
        if (builder == "enum") type = LogicalType.Enum;
        else if (DrizzleColumnTypes.Map(builder, dialect, options) is { } mapped) type = mapped;
        else
        {
            context.Warn(span, $"`{table.Model.Name}.{key}`: `{builder}` is not a known {dialect} column builder: column skipped");
            return;
        }

        var column = new Column
        {
            Name = givenName ?? DrizzleNaming.ColumnName(key, context.Casing),
            Type = type,
            TypeAsWritten = chain.BaseModule.Ast.TextOf(builderCall),
            Length = options.Length,
            EnumName = enumType?.Name ?? (builder == "mysqlEnum" ? givenName ?? key : null),
            Span = span,
        };
        if (DrizzleColumnTypes.IsSerial(builder) || builder == "serial")
        {
            column.IsIdentity = true;
            column.Nullable = false;
        }
        ApplyModifiers(table, column, key, chain, span);
        table.ColumnsByKey[key] = column;
        table.ColumnModules[column] = module;
        table.Model.Columns.Add(column);
        table.Entity.AttributeNames.Add(key);
    }

    private void ApplyModifiers(DrizzleTable table, Column column, string key, DrizzleChain chain, SourceSpan span)
    {
        var nullableExplicit = false;
        string? annotation = null;
        bool? annotationNullable = null;
        foreach (var modifier in chain.Modifiers)
        {
            var args = modifier.Arguments;
            switch (modifier.Name)
            {
                case "notNull":
                    column.Nullable = false;
                    nullableExplicit = true;
                    break;
                case "primaryKey":
                    column.IsPrimaryKey = true;
                    column.Nullable = false;
                    if (args.Count > 0 && expressions.BoolOption(expressions.Options(args[0], modifier.Module, modifier.Scope), "autoIncrement") == true)
                        column.IsIdentity = true;
                    table.Model.PrimaryKey ??= new PrimaryKey { Span = span };
                    table.Model.PrimaryKey.Columns.Add(column.Name);
                    break;
                case "autoincrement":
                    column.IsIdentity = true;
                    break;
                case "unique":
                    var uniqueName = args.Count > 0 ? project.StringOf(args[0], modifier.Module, modifier.Scope) : null;
                    var uniqueOptions = expressions.Options(args.Count > 1 ? args[1] : null, modifier.Module, modifier.Scope);
                    var unique = new UniqueConstraint
                    {
                        Name = uniqueName ?? DrizzleNaming.Unique(table.Model.Name, [column.Name]),
                        FromColumnFlag = true,
                        NullsNotDistinct = expressions.StringOption(uniqueOptions, "nulls") == "not distinct",
                        Span = modifier.Span,
                    };
                    unique.Columns.Add(column.Name);
                    table.Model.UniqueConstraints.Add(unique);
                    break;
                case "default" when args.Count > 0:
                    column.ServerDefault = new DefaultValue(expressions.DefaultText(args[0], modifier.Module, modifier.Scope, table), IsRawSql: false, modifier.Span);
                    break;
                case "defaultNow":
                    column.ServerDefault = new DefaultValue("now()", IsRawSql: false, modifier.Span);
                    break;
                case "defaultRandom":
                    column.ServerDefault = new DefaultValue("gen_random_uuid()", IsRawSql: false, modifier.Span);
                    break;
                case "$defaultFn" or "$default" when args.Count > 0:
                    column.ClientDefault = modifier.Module.Ast.TextOf(args[0]);
                    break;
                case "$onUpdate" or "$onUpdateFn" when args.Count > 0:
                    column.OnUpdate = modifier.Module.Ast.TextOf(args[0]);
                    break;
                case "onUpdateNow":
                    column.OnUpdate = "ON UPDATE CURRENT_TIMESTAMP";
                    break;
                case "generatedAlwaysAsIdentity" or "generatedByDefaultAsIdentity":
                    column.IsIdentity = true;
                    column.Nullable = false;
                    break;
                case "references" when args.Count > 0:
                    table.PendingReferences.Add((column, modifier));
                    break;
                case "array":
                    column.TypeAsWritten += "[]";
                    column.Type = LogicalType.Array;
                    break;
                case "$type":
                    if (modifier.Call.TypeArguments is [var typeArgument, ..])
                    {
                        annotation = typeArgument.Text;
                        annotationNullable = typeArgument.IsNullable;
                    }
                    break;
            }
        }
        column.Attribute = new OrmAttribute(key, annotation, annotationNullable, nullableExplicit, span);
    }
}
