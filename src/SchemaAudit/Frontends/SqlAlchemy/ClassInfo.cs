using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>One attribute declared in a class body: an assignment, an annotation, or a decorated method.</summary>
internal sealed class AttrDef
{
    public required ClassInfo Owner { get; init; }
    public required string Name { get; init; }

    /// <summary>The node to point at: the target name, or the method's <c>def</c>.</summary>
    public required PyNode NameNode { get; init; }
    public PyExpr? Annotation { get; init; }

    /// <summary>Assigned value; for a <c>@declared_attr</c> method, its returned expression.</summary>
    public PyExpr? Value { get; init; }

    /// <summary>Position in the class body; -1 inside a method, where class-level names are not in scope.</summary>
    public int StatementIndex { get; init; }

    /// <summary>Set for decorated methods (<c>declared_attr</c>, <c>hybrid_property</c>, ...).</summary>
    public PyFunctionDef? Function { get; init; }
    public string? Decorator { get; init; }

    public bool IsDeclaredAttr => Decorator is "declared_attr";
}

/// <summary>A class of the project and what its body declares (read once, in source order).</summary>
internal sealed class ClassInfo
{
    private static readonly HashSet<string> s_specialNames = new(StringComparer.Ordinal)
    {
        "__tablename__", "__table_args__", "__abstract__", "__table__", "__mapper_args__", "type_annotation_map", "metadata", "impl",
    };

    private readonly Dictionary<string, int> _firstBinding = new(StringComparer.Ordinal);

    public ClassInfo(ModuleInfo module, PyClassDef def)
    {
        Module = module;
        Def = def;
        ScanBody();
    }

    public ModuleInfo Module { get; }
    public PyClassDef Def { get; }
    public string Name => Def.Name;
    public string QualifiedName => Module.Name.Length == 0 ? Name : Module.Name + "." + Name;

    /// <summary>Mapped-attribute candidates, in body order (dunder settings excluded).</summary>
    public List<AttrDef> Attributes { get; } = [];

    /// <summary><c>__tablename__</c>, <c>__table_args__</c>, <c>__abstract__</c>, <c>__table__</c>, <c>type_annotation_map</c>, <c>impl</c> ...</summary>
    public Dictionary<string, AttrDef> Specials { get; } = new(StringComparer.Ordinal);

    /// <summary>Class keyword <c>table=True</c> (SQLModel).</summary>
    public bool TableKeyword { get; private set; }

    public IEnumerable<PyExpr> BaseExpressions
    {
        get
        {
            foreach (var arg in Def.Bases)
            {
                if (arg.Name is null && arg.Star == 0) yield return arg.Value;
            }
        }
    }

    /// <summary>The span of the class: the line of the <c>class</c> keyword, not of its decorators.</summary>
    public SourceSpan Span => SourceSpan.At(Module.Path, Def.Line, Def.Column);

    /// <summary>True when <paramref name="name"/> is bound in the class body by a statement before <paramref name="statementIndex"/>.</summary>
    public bool IsBoundBefore(string name, int statementIndex) =>
        statementIndex >= 0 && _firstBinding.TryGetValue(name, out var at) && at < statementIndex;

    private void ScanBody()
    {
        foreach (var kw in Def.Bases)
        {
            if (kw.Name == "table" && PyExpressions.AsBool(kw.Value) == true) TableKeyword = true;
        }
        var body = Def.Body;
        for (var i = 0; i < body.Count; i++)
        {
            switch (body[i])
            {
                case PyAssign assign:
                    foreach (var target in assign.Targets)
                    {
                        if (target is not PyName n) continue;
                        Bind(n.Id, i);
                        Add(new AttrDef { Owner = this, Name = n.Id, NameNode = n, Value = assign.Value, StatementIndex = i });
                    }
                    break;
                case PyAnnAssign ann when ann.Target is PyName n:
                    // An annotation without a value does not bind the name in the class namespace.
                    if (ann.Value is not null) Bind(n.Id, i);
                    Add(new AttrDef { Owner = this, Name = n.Id, NameNode = n, Annotation = ann.Annotation, Value = ann.Value, StatementIndex = i });
                    break;
                case PyFunctionDef fn:
                    Bind(fn.Name, i);
                    var decorator = DecoratorKind(fn);
                    if (decorator is null) break;
                    Add(new AttrDef
                    {
                        Owner = this, Name = fn.Name, NameNode = fn, Annotation = fn.Returns,
                        Value = decorator == "declared_attr" ? PyExpressions.LastReturnValue(fn.Body) : null,
                        StatementIndex = -1, Function = fn, Decorator = decorator,
                    });
                    break;
                case PyClassDef nested:
                    Bind(nested.Name, i);
                    break;
                case PyImport or PyImportFrom:
                    foreach (var n in body[i] is PyImport im ? im.Names : ((PyImportFrom)body[i]).Names) Bind(n.AsName ?? n.Name, i);
                    break;
            }
        }
    }

    private void Bind(string name, int index) => _firstBinding.TryAdd(name, index);

    private void Add(AttrDef def)
    {
        if (s_specialNames.Contains(def.Name)) Specials[def.Name] = def;
        else Attributes.Add(def);
    }

    /// <summary><c>declared_attr</c> (also <c>.directive</c>, <c>.cascading</c>), or a mapped-attribute decorator we only record by name.</summary>
    private static string? DecoratorKind(PyFunctionDef fn)
    {
        foreach (var d in fn.Decorators)
        {
            var expr = d is PyCall c ? c.Func : d;
            var dotted = PyExpressions.DottedName(expr) ?? "";
            if (dotted.Contains("declared_attr", StringComparison.Ordinal)) return "declared_attr";
            var last = PyExpressions.LastName(expr);
            if (last is "hybrid_property" or "hybrid_method") return "hybrid_property";
            // @foo.setter / @foo.expression on a hybrid: the attribute name is already recorded.
        }
        return null;
    }

    public override string ToString() => QualifiedName;
}
