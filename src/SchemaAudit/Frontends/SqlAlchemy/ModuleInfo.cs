using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>What a module-level name is bound to, before cross-module resolution.</summary>
internal abstract record Binding;
internal sealed record ClassBinding(ClassInfo Class) : Binding;
internal sealed record VariableBinding(PyExpr Value, PyNode Target) : Binding;
internal sealed record FunctionBinding(PyFunctionDef Function) : Binding;
/// <summary><c>import a.b</c> binds <c>a</c> to module <c>a</c>; <c>import a.b as c</c> binds <c>c</c> to <c>a.b</c>.</summary>
internal sealed record ModuleImportBinding(string ModuleName) : Binding;
/// <summary><c>from m import n</c>.</summary>
internal sealed record NameImportBinding(string ModuleName, string Name) : Binding;

/// <summary>A parsed Python module and its module-level symbol table.</summary>
internal sealed class ModuleInfo
{
    public ModuleInfo(PyModule ast)
    {
        Ast = ast;
        var path = ast.Path;
        IsPackage = path.EndsWith("/__init__.py", StringComparison.Ordinal) || path == "__init__.py";
        var withoutExtension = path.EndsWith(".py", StringComparison.Ordinal) ? path[..^3] : path;
        if (IsPackage) withoutExtension = withoutExtension.Length > "__init__".Length ? withoutExtension[..^"/__init__".Length] : "";
        Name = withoutExtension.Replace('/', '.');
        CollectBindings(ast.Body);
    }

    public PyModule Ast { get; }
    public string Path => Ast.Path;

    /// <summary>Dotted module name derived from the path relative to the audited root.</summary>
    public string Name { get; }
    public bool IsPackage { get; }

    public Dictionary<string, Binding> Bindings { get; } = new(StringComparer.Ordinal);
    public List<string> StarImports { get; } = [];
    public List<ClassInfo> Classes { get; } = [];
    public Dictionary<PyClassDef, ClassInfo> ClassByDefinition { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Every name bound at module level (imports, classes, functions, assignments).</summary>
    public IReadOnlySet<string> BoundNames => _bound;
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);

    /// <summary>The package that relative imports start from.</summary>
    private string Package => IsPackage ? Name : (Name.LastIndexOf('.') is var i and >= 0 ? Name[..i] : "");

    public string AbsoluteModule(string module, int level)
    {
        if (level == 0) return module;
        var package = Package;
        for (var i = 1; i < level; i++)
            package = package.LastIndexOf('.') is var dot and >= 0 ? package[..dot] : "";
        if (module.Length == 0) return package;
        return package.Length == 0 ? module : package + "." + module;
    }

    private void CollectBindings(IReadOnlyList<PyStmt> body)
    {
        // Module-level only, but looking inside if/try blocks (TYPE_CHECKING imports, optional imports).
        foreach (var stmt in body)
        {
            switch (stmt)
            {
                case PyImport import:
                    foreach (var n in import.Names)
                    {
                        var bound = n.BoundName;
                        Bind(bound, new ModuleImportBinding(n.AsName is null ? bound : n.Name));
                    }
                    break;
                case PyImportFrom from:
                    var module = AbsoluteModule(from.Module, from.Level);
                    foreach (var n in from.Names)
                    {
                        if (n.Name == "*") StarImports.Add(module);
                        else Bind(n.AsName ?? n.Name, new NameImportBinding(module, n.Name));
                    }
                    break;
                case PyClassDef cls:
                    var info = new ClassInfo(this, cls);
                    Classes.Add(info);
                    ClassByDefinition[cls] = info;
                    Bind(cls.Name, new ClassBinding(info));
                    break;
                case PyFunctionDef fn:
                    Bind(fn.Name, new FunctionBinding(fn));
                    break;
                case PyAssign assign:
                    foreach (var target in assign.Targets)
                    {
                        if (target is PyName n) Bind(n.Id, new VariableBinding(assign.Value, n));
                    }
                    break;
                case PyAnnAssign ann when ann.Target is PyName n && ann.Value is not null:
                    Bind(n.Id, new VariableBinding(ann.Value, n));
                    break;
                case PyIf f:
                    CollectBindings(f.Body);
                    CollectBindings(f.OrElse);
                    break;
                case PyCompound c when c.Keyword is "try" or "with":
                    foreach (var block in c.Blocks) CollectBindings(block);
                    break;
            }
        }
    }

    private void Bind(string name, Binding binding)
    {
        _bound.Add(name);
        // A later definition rebinds the name; keep a class over a later re-import of the same name in an except block.
        if (Bindings.TryGetValue(name, out var existing) && existing is ClassBinding && binding is not ClassBinding) return;
        Bindings[name] = binding;
    }

    public override string ToString() => Name;
}
