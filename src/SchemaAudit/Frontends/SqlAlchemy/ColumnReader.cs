using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

internal static class ColumnCallKinds
{
    /// <summary><c>Column</c>, <c>mapped_column</c> (any prefix) and SQLModel's <c>Field</c>.</summary>
    public static bool IsColumnLike(string? api) => api is "Column" or "mapped_column" or "Field";
}

/// <summary>Where a column is declared and with what (a class attribute or a <c>Table(...)</c> argument).</summary>
internal sealed class ColumnSource
{
    public required ModuleInfo Module { get; init; }

    /// <summary>The ORM attribute name; null for columns of a plain <c>Table(...)</c>.</summary>
    public string? AttributeName { get; init; }
    public required PyNode SpanNode { get; init; }
    public PyExpr? Annotation { get; init; }

    /// <summary><c>Column(...)</c>, <c>mapped_column(...)</c> or <c>Field(...)</c>; null for an annotation alone.</summary>
    public PyCall? Call { get; init; }

    /// <summary>The module <see cref="Call"/> is written in when it is not <see cref="Module"/> (a helper's <c>return Column(...)</c>).</summary>
    public ModuleInfo? CallModule { get; init; }
    public DeclarativeFlavor Flavor { get; init; }
    public TypeAnnotationMap? AnnotationMap { get; init; }
}

/// <summary>A foreign key read from a column, whose target may still need resolving (<c>ForeignKey(User.id)</c>).</summary>
internal sealed class ForeignKeyDraft
{
    public required ForeignKey Model { get; init; }
    public required ModuleInfo Module { get; init; }

    /// <summary>The target as written: a <c>"table.column"</c> string or an expression such as <c>User.id</c>.</summary>
    public PyExpr? TargetExpression { get; init; }
    public string? TargetText { get; init; }
}

/// <summary>A column plus the table-level facts its flags imply.</summary>
internal sealed class ColumnDraft
{
    public required Column Column { get; init; }
    public List<ForeignKeyDraft> ForeignKeys { get; } = [];
    public List<CheckConstraint> Checks { get; } = [];
    /// <summary>Where <c>index=True</c> / <c>unique=True</c> are written, when they are.</summary>
    public SourceSpan? IndexFlag { get; set; }
    public SourceSpan? UniqueFlag { get; set; }
    public bool? Autoincrement { get; set; }
    public bool NullableExplicit { get; set; }

    /// <summary>No type was written and none can be inferred: SQLAlchemy copies the referenced column's type.</summary>
    public bool TypeFromForeignKey { get; set; }
}

/// <summary>Reads <c>Column(...)</c>, <c>mapped_column(...)</c>, annotation-only <c>Mapped[...]</c> and SQLModel <c>Field(...)</c>.</summary>
internal sealed partial class ColumnReader(ProjectIndex index, TypeMapper types, ExtractionDiagnostics diagnostics)
{
    private readonly HashSet<PyCall> _splatReported = [];

    public ColumnDraft Read(ColumnSource source)
    {
        var module = source.Module;
        var callModule = source.CallModule ?? module;
        var call = source.Call;
        var api = call is null ? null : index.ApiName(callModule, call);

        // SQLModel: Field(sa_column=Column(...)) hands the whole column to SQLAlchemy.
        if (api == "Field" && call!.KeywordValue("sa_column") is PyCall saColumn && index.ApiName(callModule, saColumn) == "Column")
        {
            return Read(new ColumnSource
            {
                Module = module, AttributeName = source.AttributeName, SpanNode = source.SpanNode, Annotation = source.Annotation,
                Call = saColumn, CallModule = source.CallModule, Flavor = DeclarativeFlavor.Classic, AnnotationMap = source.AnnotationMap,
            });
        }

        var annotation = source.Annotation is null ? null : TypeAnnotation.Parse(module.Ast.TextOf(source.Annotation));
        var inner = annotation?.UnwrapMapped(out _);
        var alias = inner is null ? null : AliasColumn(module, inner.NonNull);
        var partial = call is null ? null : PartialDefaults(callModule, call);
        var args = new ArgumentView(callModule, call, alias?.Module, alias?.Call, api == "Field" ? call : null, partial?.Module, partial?.Call);

        var positional = call?.Positional().ToList() ?? [];
        var name = PyExpressions.AsString(positional.FirstOrDefault()) is { } n ? n : null;
        if (name is not null) positional.RemoveAt(0);
        name ??= PyExpressions.AsString(args.Value("name")) ?? source.AttributeName ?? "?";

        var span = module.Ast.SpanOf(source.SpanNode);
        var column = new Column { Name = name, Span = span };
        var draft = new ColumnDraft { Column = column };

        PyExpr? typeExpr = null;
        var typeModule = callModule;
        foreach (var p in positional.Concat(alias?.Call.Positional() ?? []))
        {
            var isAlias = alias is not null && !positional.Contains(p);
            var argModule = isAlias ? alias!.Module : callModule;
            switch (p is PyCall pc ? index.ApiName(argModule, pc) : null)
            {
                case "ForeignKey":
                    if (!isAlias || draft.ForeignKeys.Count == 0) draft.ForeignKeys.Add(ReadForeignKey(argModule, (PyCall)p, name));
                    break;
                case "Identity":
                    column.IsIdentity = true;
                    break;
                case "CheckConstraint":
                    draft.Checks.Add(ReadCheck(argModule, (PyCall)p));
                    break;
                case "Sequence" or "Computed" or "FetchedValue" or "DefaultClause":
                    break;
                default:
                    if (typeExpr is null && PyExpressions.AsString(p) is null) { typeExpr = p; typeModule = argModule; }
                    break;
            }
        }
        if (args.Arg("type_") is { } explicitType) { typeExpr = explicitType.Value; typeModule = args.ModuleOf(explicitType); }
        if (api == "Field" && args.Value("sa_type") is { } saType) { typeExpr = saType; typeModule = callModule; }

        if (typeExpr is not null)
        {
            var mapped = types.Map(typeModule, typeExpr);
            column.Type = mapped.Type;
            column.Length = mapped.Length;
            column.EnumName = mapped.EnumName;
            column.TypeAsWritten = typeModule.Ast.TextOf(typeExpr);
        }
        else if (inner is not null)
        {
            var target = inner.NonNull;
            var mapped = types.MapAnnotation(module, target, source.AnnotationMap);
            column.Type = mapped.Type;
            column.Length = mapped.Length ?? PyExpressions.AsInt(args.Value("max_length"));
            column.EnumName = mapped.EnumName;
            column.TypeAsWritten = target.ToString();
            if (mapped.Type == LogicalType.Unknown && draft.ForeignKeys.Count > 0) draft.TypeFromForeignKey = true;
        }
        else if (draft.ForeignKeys.Count > 0)
        {
            draft.TypeFromForeignKey = true;
        }

        if (api == "Field" && PyExpressions.AsString(args.Value("foreign_key")) is { } fkText)
        {
            var fkArg = args.Arg("foreign_key")!;
            var fk = NewForeignKey(fkText, name, callModule.Ast.SpanOf(fkArg));
            fk.OnDelete = ReferentialActionExtensions.Parse(PyExpressions.AsString(args.Value("ondelete")));
            draft.ForeignKeys.Add(new ForeignKeyDraft { Model = fk, Module = callModule, TargetText = fkText });
            if (column.Type == LogicalType.Unknown) draft.TypeFromForeignKey = true;
        }

        // Nullability, exactly as SQLAlchemy decides it.
        var primaryKey = PyExpressions.AsBool(args.Value("primary_key")) == true;
        var explicitNullable = PyExpressions.AsBool(args.Value("nullable"));
        var annotationNullable = annotation is null ? (bool?)null : inner!.IsNullable;
        var annotationDrivesNullability = api is "mapped_column" or "Field" || (call is null && annotation is not null);
        column.IsPrimaryKey = primaryKey;
        column.Nullable = explicitNullable ?? (!primaryKey && (!annotationDrivesNullability || annotationNullable != false));
        draft.NullableExplicit = explicitNullable is not null;

        if (source.AttributeName is not null)
        {
            var annotationText = source.Annotation is null ? null : module.Ast.TextOf(source.Annotation);
            column.Attribute = new OrmAttribute(source.AttributeName, annotationText, annotationNullable, explicitNullable is not null, span);
        }

        ReadDefaults(args, column, api);
        column.Comment = PyExpressions.AsString(args.Value("comment"));
        column.Doc = PyExpressions.AsString(args.Value("doc")) ?? (api == "Field" ? PyExpressions.AsString(args.Value("description")) : null);
        if (args.Arg("index") is { } indexArg && PyExpressions.AsBool(indexArg.Value) == true) draft.IndexFlag = args.ModuleOf(indexArg).Ast.SpanOf(indexArg);
        if (args.Arg("unique") is { } uniqueArg && PyExpressions.AsBool(uniqueArg.Value) == true) draft.UniqueFlag = args.ModuleOf(uniqueArg).Ast.SpanOf(uniqueArg);
        draft.Autoincrement = PyExpressions.AsBool(args.Value("autoincrement"));
        if (draft.Autoincrement == true) column.IsIdentity = true;

        // A helper's call is shared by every column built through it: say so once.
        if (call is not null && call.HasSplat() && _splatReported.Add(call))
            diagnostics.Info(callModule.Ast.SpanOf(call), $"column `{name}`: `**` arguments are not read; some of its options may be missing");
        return draft;
    }

    private static void ReadDefaults(ArgumentView args, Column column, string? api)
    {
        var def = args.Arg("default") ?? args.Arg("insert_default") ?? (api == "Field" ? args.Arg("default_factory") : null);
        if (def is not null && !PyExpressions.IsNone(def.Value) && def.Value is not PyConstant { Kind: PyConstantKind.Ellipsis })
            column.ClientDefault = args.TextOf(def);
        if (args.Arg("server_default") is { } serverDefault && !PyExpressions.IsNone(serverDefault.Value))
            column.ServerDefault = ServerDefaultReader.Read(args.ModuleOf(serverDefault), serverDefault);
        if (args.Arg("onupdate") is { } onUpdate && !PyExpressions.IsNone(onUpdate.Value))
            column.OnUpdate = args.TextOf(onUpdate);
        else if (args.Arg("server_onupdate") is { } serverOnUpdate && !PyExpressions.IsNone(serverOnUpdate.Value))
            column.OnUpdate = args.TextOf(serverOnUpdate);
    }

    public ForeignKeyDraft ReadForeignKey(ModuleInfo module, PyCall call, string columnName)
    {
        var target = call.PositionalAt(0) ?? call.KeywordValue("column");
        var text = PyExpressions.AsString(target);
        var fk = NewForeignKey(text ?? "", columnName, module.Ast.SpanOf(call));
        fk.Name = PyExpressions.AsString(call.KeywordValue("name"));
        fk.OnDelete = ReferentialActionExtensions.Parse(PyExpressions.AsString(call.KeywordValue("ondelete")));
        fk.OnUpdate = ReferentialActionExtensions.Parse(PyExpressions.AsString(call.KeywordValue("onupdate")));
        return new ForeignKeyDraft { Model = fk, Module = module, TargetText = text, TargetExpression = text is null ? target : null };
    }

    /// <summary>A FK from <c>"schema.table.column"</c> text (target table keeps its schema).</summary>
    public static ForeignKey NewForeignKey(string target, string columnName, SourceSpan span)
    {
        var dot = target.LastIndexOf('.');
        var fk = new ForeignKey { TargetTable = dot > 0 ? target[..dot] : target, Span = span };
        fk.Columns.Add(columnName);
        if (dot > 0) fk.TargetColumns.Add(target[(dot + 1)..]);
        return fk;
    }

    public static CheckConstraint ReadCheck(ModuleInfo module, PyCall call)
    {
        var sql = call.PositionalAt(0) ?? call.KeywordValue("sqltext");
        return new CheckConstraint
        {
            Expression = PyExpressions.AsString(sql) ?? (sql is null ? "" : module.Ast.TextOf(sql)),
            Name = PyExpressions.AsString(call.KeywordValue("name")),
            Span = module.Ast.SpanOf(call),
        };
    }

    /// <summary><c>Mapped[intpk]</c> where <c>intpk = Annotated[int, mapped_column(primary_key=True)]</c>.</summary>
    private AliasColumnCall? AliasColumn(ModuleInfo module, TypeAnnotation inner)
    {
        if (inner.Args.Count > 0 || inner.Name.Length == 0) return null;
        if (index.ResolveDotted(module, inner.Name) is not VariableSymbol { Value: PySubscript alias } v) return null;
        if (PyExpressions.LastName(alias.Value) != "Annotated") return null;
        foreach (var element in PyExpressions.Elements(alias.Index))
        {
            if (element is PyCall c && index.ApiName(v.Module, c) == "mapped_column") return new AliasColumnCall(v.Module, c);
        }
        return null;
    }

    private sealed record AliasColumnCall(ModuleInfo Module, PyCall Call);

    /// <summary>
    /// <c>Column = functools.partial(db.Column, nullable=False)</c>: the keywords bound by the partial
    /// apply to every column built through it unless the call repeats them.
    /// </summary>
    private AliasColumnCall? PartialDefaults(ModuleInfo module, PyCall call)
    {
        if (index.Resolve(module, call.Func) is not VariableSymbol { Value: PyCall bound } v) return null;
        if (PyExpressions.LastName(bound.Func) != "partial") return null;
        return bound.PositionalAt(0) is { } wrapped && ColumnCallKinds.IsColumnLike(index.ApiName(v.Module, wrapped))
            ? new AliasColumnCall(v.Module, bound)
            : null;
    }

    /// <summary>
    /// Keyword lookup over the column call, then SQLModel's <c>sa_column_kwargs</c>, then the
    /// <c>mapped_column</c> of an <c>Annotated</c> alias (explicit arguments win, as in SQLAlchemy).
    /// </summary>
    private readonly struct ArgumentView(
        ModuleInfo module, PyCall? call, ModuleInfo? aliasModule, PyCall? aliasCall, PyCall? sqlModelField, ModuleInfo? partialModule, PyCall? partialCall)
    {
        public PyArg? Arg(string name)
        {
            if (call?.Keyword(name) is { } a) return a;
            if (sqlModelField?.KeywordValue("sa_column_kwargs") is PyDict dict)
            {
                for (var i = 0; i < dict.Keys.Count; i++)
                {
                    if (PyExpressions.AsString(dict.Keys[i]) != name) continue;
                    var v = dict.Values[i];
                    return new PyArg { Name = name, Value = v, Line = v.Line, Column = v.Column, EndLine = v.EndLine, EndColumn = v.EndColumn, Start = v.Start, End = v.End };
                }
            }
            return aliasCall?.Keyword(name) ?? partialCall?.Keyword(name);
        }

        public PyExpr? Value(string name) => Arg(name)?.Value;

        public ModuleInfo ModuleOf(PyArg arg) =>
            aliasCall is not null && aliasModule is not null && aliasCall.Args.Contains(arg) ? aliasModule
            : partialCall is not null && partialModule is not null && partialCall.Args.Contains(arg) ? partialModule
            : module;

        public string TextOf(PyArg arg) => ModuleOf(arg).Ast.TextOf(arg.Value);
    }
}
