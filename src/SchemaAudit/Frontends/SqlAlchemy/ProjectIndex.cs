using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>
/// All modules of the audited project and name resolution across them: imports (absolute,
/// relative, re-exports through packages, star imports) and module-level aliases.
/// Lookups are dictionary based; nothing compares every module with every module.
/// </summary>
internal sealed class ProjectIndex
{
    private const int MaxDepth = 24;

    private readonly Dictionary<string, ModuleInfo> _byName = new(StringComparer.Ordinal);
    // Every trailing part of a module name ("models.user", "user" for "app.models.user"), so an
    // import still resolves when the audited root is above or below the import root.
    private readonly Dictionary<string, ModuleInfo> _bySuffix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ClassInfo>> _classesBySimpleName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModuleInfo?> _foundByLongerName = new(StringComparer.Ordinal);
    private readonly Dictionary<(ModuleInfo Module, string Name, int Depth), Symbol?> _resolved = [];

    public ProjectIndex(IReadOnlyList<ModuleInfo> modules)
    {
        Modules = modules;
        foreach (var m in modules)
        {
            _byName.TryAdd(m.Name, m);
            var name = m.Name;
            while (name.IndexOf('.') is var dot and >= 0)
            {
                name = name[(dot + 1)..];
                _bySuffix.TryAdd(name, m);
            }
            foreach (var c in m.Classes)
            {
                if (!_classesBySimpleName.TryGetValue(c.Name, out var list)) _classesBySimpleName[c.Name] = list = [];
                list.Add(c);
            }
        }
    }

    public IReadOnlyList<ModuleInfo> Modules { get; }

    public ModuleInfo? FindModule(string name)
    {
        if (name.Length == 0) return null;
        if (_byName.TryGetValue(name, out var m) || _bySuffix.TryGetValue(name, out m)) return m;
        // Names outside the project (`sqlalchemy.orm`) are asked for on every column: remember the answer.
        if (_foundByLongerName.TryGetValue(name, out m)) return m;
        return _foundByLongerName[name] = FindByLongerName(name);
    }

    private ModuleInfo? FindByLongerName(string name)
    {
        // The import names a longer path than the audited root shows ("app.models.base" with root "app").
        var rest = name;
        while (rest.IndexOf('.') is var dot and >= 0)
        {
            rest = rest[(dot + 1)..];
            if (_byName.TryGetValue(rest, out var m)) return m;
        }
        return null;
    }

    /// <summary>Project classes with this simple name, in path order.</summary>
    public IReadOnlyList<ClassInfo> ClassesNamed(string name) =>
        _classesBySimpleName.TryGetValue(name, out var list) ? list : [];

    /// <summary>Resolves a module-level name as seen from <paramref name="module"/>.</summary>
    public Symbol? ResolveName(ModuleInfo module, string name, int depth = 0)
    {
        if (depth > MaxDepth) return null;
        // Every column resolves the same few names of its module (`sa`, `Column`, `ForeignKey`), and the
        // modules never change once indexed: each (module, name, depth) is resolved once.
        var key = (module, name, depth);
        if (_resolved.TryGetValue(key, out var known)) return known;
        return _resolved[key] = ResolveUncached(module, name, depth);
    }

    private Symbol? ResolveUncached(ModuleInfo module, string name, int depth)
    {
        if (module.Bindings.TryGetValue(name, out var binding))
            return FromBinding(module, name, binding, depth);
        foreach (var star in module.StarImports)
        {
            if (FindModule(star) is { } target && target != module && ResolveName(target, name, depth + 1) is { } s) return s;
        }
        return null;
    }

    private Symbol? FromBinding(ModuleInfo module, string name, Binding binding, int depth) => binding switch
    {
        ClassBinding c => new ClassSymbol(c.Class),
        FunctionBinding f => new FunctionSymbol(module, f.Function),
        VariableBinding v => FollowAlias(new VariableSymbol(module, name, v.Value, v.Target), depth),
        ModuleImportBinding mi => FindModule(mi.ModuleName) is { } m ? new ModuleSymbol(m) : new ExternalSymbol(mi.ModuleName, true),
        NameImportBinding ni => ResolveImported(module, ni.ModuleName, ni.Name, depth),
        _ => null,
    };

    private Symbol? ResolveImported(ModuleInfo from, string moduleName, string name, int depth)
    {
        var target = FindModule(moduleName);
        if (target is not null && target != from)
        {
            if (ResolveName(target, name, depth + 1) is { } s) return s;
            if (FindModule(moduleName + "." + name) is { } sub) return new ModuleSymbol(sub);
            return new ExternalSymbol(moduleName + "." + name, false);
        }
        if (FindModule(moduleName + "." + name) is { } submodule) return new ModuleSymbol(submodule);
        return new ExternalSymbol(moduleName + "." + name, true);
    }

    // `Model = db.Model`, `Base = declarative_base` aliases resolve to what they name.
    private Symbol FollowAlias(VariableSymbol variable, int depth)
    {
        if (variable.Value is PyName or PyAttribute && depth < MaxDepth
            && Resolve(variable.Module, variable.Value, depth + 1) is { } target
            && target is not ExternalSymbol { Resolved: false })
            return target;
        return variable;
    }

    /// <summary>Resolves a name or attribute chain; unknown bare names become unresolved externals.</summary>
    public Symbol? Resolve(ModuleInfo module, PyExpr expr, int depth = 0)
    {
        if (depth > MaxDepth) return null;
        switch (expr)
        {
            case PyName n:
                return ResolveName(module, n.Id, depth) ?? new ExternalSymbol(n.Id, false);
            case PyAttribute a:
                var owner = Resolve(module, a.Value, depth + 1);
                return owner switch
                {
                    null => null,
                    ModuleSymbol ms => ResolveName(ms.Module, a.Attr, depth + 1)
                        ?? (FindModule(ms.Module.Name + "." + a.Attr) is { } sub ? new ModuleSymbol(sub) : new ExternalSymbol(ms.Module.Name + "." + a.Attr, false)),
                    ExternalSymbol ext => new ExternalSymbol(ext.QualifiedName + "." + a.Attr, ext.Resolved),
                    _ => new MemberSymbol(owner, a.Attr),
                };
            default:
                return null;
        }
    }

    /// <summary>Resolves dotted text (from an annotation or a string argument).</summary>
    public Symbol? ResolveDotted(ModuleInfo module, string dotted)
    {
        var parts = dotted.Split('.');
        Symbol? current = ResolveName(module, parts[0]) ?? new ExternalSymbol(parts[0], false);
        for (var i = 1; i < parts.Length && current is not null; i++)
        {
            current = current switch
            {
                ModuleSymbol ms => ResolveName(ms.Module, parts[i]) ?? new ExternalSymbol(ms.Module.Name + "." + parts[i], false),
                ExternalSymbol ext => new ExternalSymbol(ext.QualifiedName + "." + parts[i], ext.Resolved),
                _ => new MemberSymbol(current, parts[i]),
            };
        }
        return current;
    }

    /// <summary>
    /// The SQLAlchemy API name an expression refers to (<c>sa.Column</c>, <c>db.Column</c> and
    /// <c>Column</c> all give <c>Column</c>), or null when it names a project class or function.
    /// Lenient on purpose: a name that cannot be resolved still counts by its spelling.
    /// </summary>
    public string? ApiName(ModuleInfo module, PyExpr expr)
    {
        var last = PyExpressions.LastName(expr is PyCall c ? c.Func : expr);
        if (last is null) return null;
        var symbol = Resolve(module, expr is PyCall call ? call.Func : expr);
        return symbol is ClassSymbol or FunctionSymbol ? null : last;
    }

    /// <summary>The project class a name, attribute chain, string or lambda designates.</summary>
    public ClassInfo? ResolveClass(ModuleInfo module, PyExpr expr)
    {
        expr = PyExpressions.UnwrapLambda(expr);
        if (PyExpressions.AsString(expr) is { } text) return ResolveClassText(module, text);
        return Resolve(module, expr) is ClassSymbol cs ? cs.Class : null;
    }

    /// <summary>A class named in text: a local or imported name, a dotted path, or SQLAlchemy's registry lookup by simple name.</summary>
    public ClassInfo? ResolveClassText(ModuleInfo module, string text)
    {
        text = text.Trim();
        if (text.Length == 0) return null;
        if (IsIdentifierPath(text) && ResolveDotted(module, text) is ClassSymbol cs) return cs.Class;
        var simple = text[(text.LastIndexOf('.') + 1)..];
        var candidates = ClassesNamed(simple);
        if (candidates.Count == 0) return null;
        if (text.Contains('.'))
        {
            var modulePart = text[..text.LastIndexOf('.')];
            foreach (var c in candidates)
            {
                if (c.Module.Name == modulePart || c.Module.Name.EndsWith("." + modulePart, StringComparison.Ordinal)
                    || modulePart.EndsWith("." + c.Module.Name, StringComparison.Ordinal))
                    return c;
            }
        }
        foreach (var c in candidates)
        {
            if (c.Module == module) return c;
        }
        return candidates[0];
    }

    private static bool IsIdentifierPath(string text)
    {
        foreach (var ch in text)
        {
            if (!(char.IsLetterOrDigit(ch) || ch is '_' or '.')) return false;
        }
        return !char.IsDigit(text[0]);
    }
}
