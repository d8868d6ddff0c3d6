using SchemaAudit.Frontends.TypeScript;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>A parsed file with its top-level names, imports and exports.</summary>
internal sealed class DrizzleModule
{
    public DrizzleModule(TsModule ast)
    {
        Ast = ast;
        foreach (var statement in ast.Body) Collect(statement);
    }

    public TsModule Ast { get; }

    public string Path => Ast.Path;

    /// <summary>Top-level bindings: const initializers, functions, imports.</summary>
    public Dictionary<string, ModuleSymbol> Locals { get; } = new(StringComparer.Ordinal);

    /// <summary>Exported name → what it is (a local name or a re-export).</summary>
    public Dictionary<string, ModuleExport> Exports { get; } = new(StringComparer.Ordinal);

    /// <summary><c>export * from '...'</c> specifiers, in order.</summary>
    public List<string> StarExports { get; } = [];

    /// <summary>Top-level variable declarators with a plain name and an initializer.</summary>
    public List<(string Name, TsVariableDeclarator Declarator, TsVariableDecl Declaration)> TopLevelConstants { get; } = [];

    /// <summary>Top-level expressions that are not bound to a name (<c>export default relations(...)</c>).</summary>
    public List<TsExpr> TopLevelExpressions { get; } = [];

    /// <summary>Packages imported from (for the dialect).</summary>
    public List<string> ImportedPackages { get; } = [];

    private void Collect(TsStmt statement)
    {
        switch (statement)
        {
            case TsImportDecl import:
                ImportedPackages.Add(import.ModuleSpecifier);
                if (import.DefaultBinding is not null) Locals[import.DefaultBinding] = new ImportSymbol(import.ModuleSpecifier, "default");
                if (import.NamespaceBinding is not null) Locals[import.NamespaceBinding] = new ImportSymbol(import.ModuleSpecifier, "*");
                foreach (var named in import.Named) Locals[named.Local] = new ImportSymbol(import.ModuleSpecifier, named.Imported);
                break;
            case TsVariableDecl variables:
                foreach (var declarator in variables.Declarators)
                {
                    if (declarator.Target is TsBindingName { Name.Length: > 0 } name)
                    {
                        Locals[name.Name] = new ConstantSymbol(declarator.Initializer);
                        if (declarator.Initializer is not null) TopLevelConstants.Add((name.Name, declarator, variables));
                        if (variables.IsExported) Exports[name.Name] = new LocalExport(name.Name);
                    }
                    else
                    {
                        // const { a, b } = something: names are known, values are not followed.
                        foreach (var (_, bound) in TsSyntax.BoundNames(declarator.Target))
                        {
                            Locals[bound] = new ConstantSymbol(null);
                            if (variables.IsExported) Exports[bound] = new LocalExport(bound);
                        }
                    }
                }
                break;
            case TsFunctionDecl function when function.Name is not null:
                Locals[function.Name] = new FunctionSymbol(function.Function);
                if (function.IsExported) Exports[function.IsDefaultExport ? "default" : function.Name] = new LocalExport(function.Name);
                break;
            case TsDeclaration { IsExported: true } other when NameOf(other) is { } declared:
                Exports[declared] = new LocalExport(declared);
                break;
            case TsExportNamed named:
                foreach (var specifier in named.Specifiers)
                {
                    Exports[specifier.Exported] = named.FromModule is null
                        ? new LocalExport(specifier.Local)
                        : new ReExport(named.FromModule, specifier.Local);
                }
                break;
            case TsExportAll all:
                if (all.As is null) StarExports.Add(all.FromModule);
                else Exports[all.As] = new ReExport(all.FromModule, "*");
                break;
            case TsExportDefault exportDefault:
                TopLevelExpressions.Add(exportDefault.Expression);
                if (exportDefault.Expression is TsIdentifier id) Exports["default"] = new LocalExport(id.Name);
                else
                {
                    Locals["\0default"] = new ConstantSymbol(exportDefault.Expression);
                    Exports["default"] = new LocalExport("\0default");
                }
                break;
            case TsExpressionStmt expressionStatement:
                TopLevelExpressions.Add(expressionStatement.Expression);
                break;
        }
    }

    private static string? NameOf(TsDeclaration declaration) => declaration switch
    {
        TsClassDecl c => c.Name,
        TsEnumDecl e => e.Name,
        TsTypeDecl t => t.Name,
        _ => null,
    };
}

internal abstract record ModuleSymbol;
internal sealed record ConstantSymbol(TsExpr? Initializer) : ModuleSymbol;
internal sealed record FunctionSymbol(TsFunctionExpr Function) : ModuleSymbol;
/// <summary><see cref="ImportedName"/> is <c>*</c> for a namespace import, <c>default</c> for a default import.</summary>
internal sealed record ImportSymbol(string Specifier, string ImportedName) : ModuleSymbol;

internal abstract record ModuleExport;
internal sealed record LocalExport(string LocalName) : ModuleExport;
internal sealed record ReExport(string Specifier, string ImportedName) : ModuleExport;
