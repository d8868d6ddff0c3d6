using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>A relationship as read, with what the linker still has to resolve.</summary>
internal sealed class RelationshipDraft
{
    public required Relationship Model { get; init; }
    public required MappedClass Owner { get; init; }

    /// <summary>The module the relationship is written in (a mixin's module for inherited ones).</summary>
    public required ModuleInfo Module { get; init; }
    public PyExpr? TargetExpression { get; init; }
    public string? TargetText { get; init; }
    public PyExpr? SecondaryExpression { get; init; }

    /// <summary>What the annotation or <c>uselist</c> says: true collection, false scalar, null unknown.</summary>
    public bool? Collection { get; init; }
    public HashSet<string> ForeignKeyColumnNames { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Reads <c>relationship(...)</c>, <c>db.relationship(...)</c> and SQLModel <c>Relationship(...)</c>.</summary>
internal sealed class RelationshipReader
{
    private static readonly HashSet<string> s_builtins = new(StringComparer.Ordinal)
    {
        "id", "type", "hash", "input", "object", "property", "format", "filter", "map", "max", "min", "len", "sum", "iter",
        "next", "str", "int", "float", "list", "dict", "set", "tuple", "bool", "bytes", "open", "print", "range", "vars",
        "dir", "super", "all", "any", "compile", "eval", "exec", "help", "zip", "sorted", "reversed", "round", "abs",
        "callable", "classmethod", "staticmethod", "getattr", "setattr", "hasattr", "delattr", "isinstance", "issubclass",
        "repr", "ascii", "chr", "ord", "bin", "oct", "hex", "divmod", "pow", "slice", "memoryview", "bytearray",
        "frozenset", "complex", "enumerate", "globals", "locals", "license", "copyright", "credits", "exit", "quit",
        "breakpoint", "__import__",
    };

    public static RelationshipDraft Read(MappedClass owner, AttrDef def, PyCall call, string api)
    {
        var module = def.Owner.Module;
        var kw = new Keywords(call, api == "Relationship" ? call.KeywordValue("sa_relationship_kwargs") as PyDict : null);
        var rel = new Relationship
        {
            OwnerEntity = owner.Class.Name,
            OwnerTable = owner.Table.Table.Name,
            Attribute = def.Name,
            Span = module.Ast.SpanOf(def.NameNode),
        };

        bool? collection = null;
        string? targetText = null;
        if (def.Annotation is not null)
        {
            var shape = TypeAnnotation.Parse(module.Ast.TextOf(def.Annotation)).UnwrapMapped(out var wrapper).NonNull;
            if (shape.IsCollection)
            {
                collection = true;
                targetText = shape.Element?.NonNull.Name;
            }
            else
            {
                collection = false;
                targetText = shape.Name.Length > 0 ? shape.Name : null;
            }
            if (wrapper == "WriteOnlyMapped") { rel.Lazy = "write_only"; collection = true; }
            else if (wrapper == "DynamicMapped") { rel.Lazy = "dynamic"; collection = true; }
        }

        switch (kw.Value("lazy"))
        {
            case { } lazy when PyExpressions.AsString(lazy) is { } text: rel.Lazy = text; break;
            case { } lazy when PyExpressions.AsBool(lazy) is { } flag: rel.Lazy = flag ? "select" : "noload"; break;
            case { } lazy when PyExpressions.IsNone(lazy): rel.Lazy = "raise"; break;
        }
        if (api == "dynamic_loader") rel.Lazy ??= "dynamic";
        if (rel.Lazy is "dynamic" or "write_only") collection = true;

        rel.Cascade = PyExpressions.AsString(kw.Value("cascade"));
        if (api == "Relationship" && PyExpressions.AsBool(call.KeywordValue("cascade_delete")) == true) rel.Cascade ??= "all, delete-orphan";
        var passive = kw.Value("passive_deletes");
        rel.PassiveDeletes = PyExpressions.AsBool(passive) == true || PyExpressions.AsString(passive) == "all";
        rel.BackPopulates = PyExpressions.AsString(kw.Value("back_populates"));
        rel.Backref = kw.Value("backref") switch
        {
            PyString s => s.Value,
            PyCall b when PyExpressions.LastName(b.Func) == "backref" => PyExpressions.AsString(b.PositionalAt(0) ?? b.KeywordValue("name")),
            _ => null,
        };
        rel.UseList = PyExpressions.AsBool(kw.Value("uselist"));
        if (rel.UseList is { } useList) collection = useList;
        rel.ViewOnly = PyExpressions.AsBool(kw.Value("viewonly")) == true;
        if (kw.Value("order_by") is { } orderBy) rel.OrderBy = PyExpressions.AsString(orderBy) ?? module.Ast.TextOf(orderBy);

        if (kw.Value("remote_side") is { } remoteSide)
        {
            foreach (var element in PyExpressions.Elements(PyExpressions.UnwrapLambda(remoteSide)))
            {
                rel.RemoteSide.Add(PyExpressions.AsString(element) ?? module.Ast.TextOf(element));
                // `remote_side=[id]` only names the column when `id` is bound earlier in the class body.
                if (element is PyName n && s_builtins.Contains(n.Id) && !def.Owner.IsBoundBefore(n.Id, def.StatementIndex) && !module.BoundNames.Contains(n.Id))
                    rel.RemoteSideNamesBuiltin = true;
            }
        }

        var targetExpression = call.PositionalAt(0) ?? kw.Value("argument");
        // relationship(cls.__name__) / relationship(cls) in a declared_attr method: the class itself.
        if (def.Function is not null && targetExpression is PyName { Id: "cls" } or PyAttribute { Attr: "__name__", Value: PyName { Id: "cls" } })
        {
            targetExpression = null;
            targetText = owner.Class.Name;
        }
        var draft = new RelationshipDraft
        {
            Model = rel,
            Owner = owner,
            Module = module,
            TargetExpression = targetExpression,
            TargetText = targetText,
            SecondaryExpression = call.PositionalAt(1) ?? kw.Value("secondary") ?? (api == "Relationship" ? call.KeywordValue("link_model") : null),
            Collection = collection,
        };
        if (kw.Value("foreign_keys") is { } foreignKeys)
        {
            foreach (var element in PyExpressions.Elements(PyExpressions.UnwrapLambda(foreignKeys)))
            {
                var text = PyExpressions.AsString(element) ?? module.Ast.TextOf(element);
                rel.ForeignKeyColumns.Add(text);
                foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var name = part.Trim('[', ']', '(', ')', ' ');
                    name = name[(name.LastIndexOf('.') + 1)..];
                    if (name.Length > 0) draft.ForeignKeyColumnNames.Add(owner.Table.ColumnName(name));
                }
            }
        }
        rel.IsCollection = collection == true;
        return draft;
    }

    /// <summary>Keywords of the call, then SQLModel's <c>sa_relationship_kwargs</c>.</summary>
    private readonly struct Keywords(PyCall call, PyDict? extra)
    {
        public PyExpr? Value(string name)
        {
            if (call.KeywordValue(name) is { } v) return v;
            if (extra is null) return null;
            for (var i = 0; i < extra.Keys.Count; i++)
            {
                if (PyExpressions.AsString(extra.Keys[i]) == name) return extra.Values[i];
            }
            return null;
        }
    }
}
