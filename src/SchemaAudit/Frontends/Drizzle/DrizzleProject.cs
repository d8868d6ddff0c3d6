using SchemaAudit.Frontends.TypeScript;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>
/// All parsed modules of a project and the resolver that follows names across them:
/// imports, re-exports (<c>export * from</c>, barrels), const bindings, object properties,
/// spreads and the return value of helper functions. Resolution is bounded in depth, so a
/// cycle (<c>a</c> re-exports <c>b</c> re-exports <c>a</c>) ends in an <see cref="UnknownValue"/>.
/// </summary>
internal sealed class DrizzleProject
{
    private const int MaxResolveDepth = 40;
    private static readonly string[] s_extensions = [".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs"];

    private readonly Dictionary<string, DrizzleModule> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<(string From, string Specifier), DrizzleModule?> _resolvedSpecifiers = [];

    public DrizzleProject(IEnumerable<DrizzleModule> modules)
    {
        foreach (var module in modules)
        {
            Modules.Add(module);
            _byPath[module.Path] = module;
        }
    }

    public List<DrizzleModule> Modules { get; } = [];

    /// <summary>Tables by the call expression that declares them, so any name that resolves to that call finds the table.</summary>
    public Dictionary<TsExpr, DrizzleTable> TablesByDeclaration { get; } = new(ReferenceEqualityComparer.Instance);

    // ----- modules -----

    /// <summary>The project module a specifier names, or null for a package (or a file outside the audit).</summary>
    public DrizzleModule? ResolveModule(DrizzleModule from, string specifier)
    {
        if (_resolvedSpecifiers.TryGetValue((from.Path, specifier), out var cached)) return cached;
        var resolved = specifier.StartsWith('.') ? ResolveRelative(from.Path, specifier) : ResolveAlias(specifier);
        _resolvedSpecifiers[(from.Path, specifier)] = resolved;
        return resolved;
    }

    private DrizzleModule? ResolveRelative(string fromPath, string specifier)
    {
        var directory = fromPath.Contains('/') ? fromPath[..fromPath.LastIndexOf('/')] : "";
        var joined = Normalize(directory.Length == 0 ? specifier : directory + "/" + specifier);
        return joined is null ? null : FindByStem(joined);
    }

    /// <summary>Tries the path as given, with each extension, as a folder's index, and <c>.js</c> written for a <c>.ts</c> file.</summary>
    private DrizzleModule? FindByStem(string stem)
    {
        if (_byPath.TryGetValue(stem, out var exact)) return exact;
        var withoutJs = stem.EndsWith(".js", StringComparison.Ordinal) || stem.EndsWith(".mjs", StringComparison.Ordinal)
            ? stem[..stem.LastIndexOf('.')] : stem;
        foreach (var extension in s_extensions)
        {
            if (_byPath.TryGetValue(withoutJs + extension, out var module)) return module;
            if (_byPath.TryGetValue(withoutJs + "/index" + extension, out var index)) return index;
        }
        return null;
    }

    /// <summary>
    /// Path aliases (<c>@/db/schema</c>, <c>~/db</c>, <c>#db</c>, <c>src/db</c>) are configured in
    /// tsconfig, which we do not read: match the rest of the path against the project's files.
    /// </summary>
    private DrizzleModule? ResolveAlias(string specifier)
    {
        if (specifier.StartsWith("drizzle-", StringComparison.Ordinal)) return null;
        string rest;
        if (specifier.StartsWith("@/", StringComparison.Ordinal) || specifier.StartsWith("~/", StringComparison.Ordinal)
            || specifier.StartsWith("#/", StringComparison.Ordinal)) rest = specifier[2..];
        else if (specifier.StartsWith('#') || specifier.StartsWith('$')) rest = specifier[(specifier.IndexOf('/') + 1)..];
        else if (specifier.StartsWith("src/", StringComparison.Ordinal) || specifier.StartsWith("app/", StringComparison.Ordinal)) rest = specifier;
        else return null; // a package
        foreach (var module in Modules)
        {
            var path = module.Path;
            var dot = path.LastIndexOf('.');
            var stem = dot > 0 ? path[..dot] : path;
            if (stem.EndsWith("/index", StringComparison.Ordinal)) stem = stem[..^6];
            if (stem == rest || stem.EndsWith("/" + rest, StringComparison.Ordinal)) return module;
        }
        return null;
    }

    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null; // outside the audited root
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    // ----- names -----

    /// <summary>What <paramref name="expression"/> stands for, following names as far as they go.</summary>
    public DrizzleValue Resolve(TsExpr expression, DrizzleModule module, DrizzleScope? scope, int depth = 0)
    {
        if (depth > MaxResolveDepth) return new UnknownValue("too many indirections");
        expression = TsSyntax.Unwrap(expression);
        switch (expression)
        {
            case TsIdentifier identifier:
                return ResolveName(identifier.Name, module, scope, depth + 1);
            case TsMember member:
                return ResolveMember(Resolve(member.Object, module, scope, depth + 1), member.Name, depth + 1);
            case TsIndexAccess { Index: TsStringLiteral key } index:
                return ResolveMember(Resolve(index.Object, module, scope, depth + 1), key.Value, depth + 1);
            case TsFunctionExpr function:
                return new FunctionValue(function, module, scope);
            default:
                return new ExpressionValue(expression, module, scope);
        }
    }

    public DrizzleValue ResolveName(string name, DrizzleModule module, DrizzleScope? scope, int depth)
    {
        if (depth > MaxResolveDepth) return new UnknownValue("too many indirections");
        if (scope?.Lookup(name) is { } bound) return bound;
        if (!module.Locals.TryGetValue(name, out var symbol)) return new ExternalValue("", name); // a global
        return symbol switch
        {
            ConstantSymbol { Initializer: { } init } => ResolveInitializer(init, module, depth + 1),
            ConstantSymbol => new UnknownValue($"`{name}` has no value we can follow"),
            FunctionSymbol f => new FunctionValue(f.Function, module, null),
            ImportSymbol import => ResolveImport(module, import.Specifier, import.ImportedName, depth + 1),
            _ => new UnknownValue(name),
        };
    }

    /// <summary>A const's value: its initializer, followed further when it is itself a name.</summary>
    private DrizzleValue ResolveInitializer(TsExpr init, DrizzleModule module, int depth)
    {
        var unwrapped = TsSyntax.Unwrap(init);
        return unwrapped is TsIdentifier or TsMember or TsFunctionExpr or TsIndexAccess
            ? Resolve(unwrapped, module, null, depth)
            : new ExpressionValue(unwrapped, module, null);
    }

    private DrizzleValue ResolveImport(DrizzleModule from, string specifier, string importedName, int depth)
    {
        var target = ResolveModule(from, specifier);
        if (target is null)
            return importedName == "*" ? new ExternalNamespaceValue(specifier) : new ExternalValue(specifier, importedName);
        return importedName == "*" ? new NamespaceValue(target) : ResolveExport(target, importedName, depth + 1);
    }

    /// <summary>The value a module exports under <paramref name="name"/>, through re-exports and <c>export *</c>.</summary>
    public DrizzleValue ResolveExport(DrizzleModule module, string name, int depth)
    {
        if (depth > MaxResolveDepth) return new UnknownValue("re-export cycle");
        if (module.Exports.TryGetValue(name, out var export))
        {
            return export switch
            {
                LocalExport local => ResolveName(local.LocalName, module, null, depth + 1),
                ReExport re => ResolveImport(module, re.Specifier, re.ImportedName, depth + 1),
                _ => new UnknownValue(name),
            };
        }
        foreach (var star in module.StarExports)
        {
            var target = ResolveModule(module, star);
            if (target is null)
            {
                continue;
            }
            if (!ExportsName(target, name, depth + 1)) continue;
            return ResolveExport(target, name, depth + 1);
        }
        // Not exported: a local of the same name still tells us what was meant.
        return module.Locals.ContainsKey(name) ? ResolveName(name, module, null, depth + 1) : new UnknownValue($"`{name}` is not exported by {module.Path}");
    }

    private bool ExportsName(DrizzleModule module, string name, int depth)
    {
        if (depth > MaxResolveDepth) return false;
        if (module.Exports.ContainsKey(name)) return true;
        foreach (var star in module.StarExports)
            if (ResolveModule(module, star) is { } target && ExportsName(target, name, depth + 1)) return true;
        return false;
    }

    private DrizzleValue ResolveMember(DrizzleValue target, string name, int depth)
    {
        switch (target)
        {
            case NamespaceValue ns:
                return ResolveExport(ns.Module, name, depth + 1);
            case ExternalNamespaceValue ns:
                return new ExternalValue(ns.Package, name);
            case ExternalValue external:
                return new ExternalValue(external.Package, external.Name + "." + name);
            case TableColumnsValue columns:
                return new ColumnRefValue(columns.Table, name);
            case ExpressionValue tableValue when TablesByDeclaration.TryGetValue(tableValue.Expression, out var table):
                return new ColumnRefValue(table, name);
            case ExpressionValue { Expression: TsObjectLiteral obj } value:
                TsProperty? found = null;
                foreach (var property in obj.Properties)
                    if (property.Key == name && property.Kind is TsPropertyKind.Init or TsPropertyKind.Shorthand) found = property;
                if (found is not null) return Resolve(found.Value, value.Module, value.Scope, depth + 1);
                foreach (var property in obj.Properties)
                {
                    if (property.Kind != TsPropertyKind.Spread) continue;
                    var inner = ResolveMember(Resolve(property.Value, value.Module, value.Scope, depth + 1), name, depth + 1);
                    if (inner is not UnknownValue) return inner;
                }
                return new UnknownValue($"no property `{name}`");
            case ExpressionValue { Expression: TsCall call } value:
                // helpers(): follow the function's return value
                return Invoke(call, value.Module, value.Scope, depth + 1) is ExpressionValue returned
                    ? ResolveMember(ResolveValue(returned, depth + 1), name, depth + 1)
                    : new UnknownValue($"cannot follow `{name}`");
            default:
                return new UnknownValue($"cannot follow `{name}`");
        }
    }

    /// <summary>Follows an expression value one more step when it is itself a name or member.</summary>
    public DrizzleValue ResolveValue(ExpressionValue value, int depth = 0) =>
        Resolve(value.Expression, value.Module, value.Scope, depth);

    /// <summary>
    /// The value a call to a project function returns: the function's returned expression, in
    /// the function's module, with its parameters bound to the call's arguments. Null when the
    /// callee is not a project function (e.g. a Drizzle builder).
    /// </summary>
    public ExpressionValue? Invoke(TsCall call, DrizzleModule module, DrizzleScope? scope, int depth = 0)
    {
        if (depth > MaxResolveDepth) return null;
        if (Resolve(call.Callee, module, scope, depth + 1) is not FunctionValue function) return null;
        var returned = TsSyntax.ReturnedExpression(function.Function);
        if (returned is null) return null;
        var bindings = new DrizzleScope(function.Scope);
        var parameters = function.Function.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Pattern is not TsBindingName { Name.Length: > 0 } name) continue;
            DrizzleValue argument = i < call.Arguments.Count
                ? Resolve(call.Arguments[i], module, scope, depth + 1)
                : parameters[i].Default is { } fallback ? Resolve(fallback, function.Module, null, depth + 1) : new UnknownValue("missing argument");
            bindings.Bind(name.Name, argument);
        }
        BindLocals(function.Function, function.Module, bindings);
        return new ExpressionValue(TsSyntax.Unwrap(returned), function.Module, bindings);
    }

    /// <summary>Binds the <c>const</c>s at the top of a function's block body (<c>const extra = [...]; return [...extra]</c>).</summary>
    public void BindLocals(TsFunctionExpr function, DrizzleModule module, DrizzleScope scope)
    {
        if (function.BlockBody is null) return;
        foreach (var statement in function.BlockBody)
        {
            if (statement is not TsVariableDecl variables) continue;
            foreach (var declarator in variables.Declarators)
            {
                if (declarator is { Target: TsBindingName { Name.Length: > 0 } name, Initializer: { } init })
                    scope.Bind(name.Name, Resolve(init, module, scope));
            }
        }
    }

    /// <summary>A string the expression stands for: a literal, or a const/parameter bound to one.</summary>
    public string? StringOf(TsExpr expression, DrizzleModule module, DrizzleScope? scope)
    {
        var literal = TsSyntax.StringValue(expression);
        if (literal is not null) return literal;
        return Resolve(expression, module, scope) is ExpressionValue value ? TsSyntax.StringValue(value.Expression) : null;
    }
}
