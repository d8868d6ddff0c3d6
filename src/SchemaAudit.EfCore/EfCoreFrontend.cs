using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaAudit.Discovery;
using SchemaAudit.EfCore.Modeling;
using SchemaAudit.EfCore.Syntax;
using SchemaAudit.Frontends;
using SchemaAudit.Model;
using Diagnostic = SchemaAudit.Model.Diagnostic;
using DiagnosticSeverity = SchemaAudit.Model.DiagnosticSeverity;

namespace SchemaAudit.EfCore;

/// <summary>
/// EF Core models in C#: every <c>.cs</c> file is parsed with Roslyn (syntax only: nothing is built or
/// run), each <c>DbContext</c> subclass's model is built with EF's conventions, and its tables join the
/// ORM view. The provider configured (<c>UseNpgsql</c>, <c>UseSqlServer</c>, …) sets the dialect.
/// </summary>
public sealed class EfCoreFrontend : IFrontend
{
    public string Name => "efcore";

    public bool Accepts(SourceFile file) =>
        file.Extension is ".cs" or ".csproj" || Path.GetFileName(file.RelativePath).Equals("Directory.Build.props", StringComparison.OrdinalIgnoreCase);

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        var sources = CSharpSources.Parse(files);
        var contexts = sources.Classes.Where(c => IsDbContext(sources, c, 0)).OrderBy(c => c.First.File.Path, StringComparer.Ordinal).ToList();
        if (contexts.Count == 0) return;
        schema.Diagnostics.AddRange(sources.Diagnostics);

        var providers = ProviderCalls(sources);
        var lazyProxies = sources.Files.Any(f => f.Root.ToString().Contains("UseLazyLoadingProxies", StringComparison.Ordinal));
        var concrete = contexts.Where(c => !c.IsAbstract && !contexts.Any(d => d != c && BaseName(d) == c.Name)).ToList();
        if (concrete.Count == 0) concrete = contexts;
        var dialects = new List<string>();
        foreach (var context in concrete)
        {
            var provider = ProviderFor(context, providers, out var multiple);
            var builder = BuildModel(sources, context, schema.Diagnostics);
            var before = schema.Tables.Count;
            var existing = schema.Tables.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var contextSchema = new Schema();
            new RelationalWriter(builder, provider, multiple, lazyProxies, contextSchema).Write();
            // Several contexts over one database (or the same tables): the first context's table stands.
            schema.Tables.AddRange(contextSchema.Tables.Where(t => !existing.Contains(t.Name)));
            schema.Entities.AddRange(contextSchema.Entities);
            schema.Relationships.AddRange(contextSchema.Relationships);
            if (StoreTypes.Dialect(provider) is { } dialect) dialects.Add(dialect);
            if (provider == EfProvider.Unknown)
                schema.Diagnostics.Add(new Diagnostic(Span(context), $"EF Core: no Use* provider call found for `{context.Name}`; store types are the CLR types", DiagnosticSeverity.Info));
            if (BaseName(context) is { } baseName && baseName.StartsWith("Identity", StringComparison.Ordinal))
                schema.Diagnostics.Add(new Diagnostic(Span(context), $"EF Core: `{context.Name}` derives from {baseName}; the ASP.NET Core Identity tables it adds (AspNetUsers, AspNetRoles, …) come from a library and are not modelled", DiagnosticSeverity.Info));
        }
        schema.Dialect ??= dialects.GroupBy(d => d).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
        UpdateHooks.Read(sources, contexts, schema);
        var modelFiles = schema.Tables.Select(t => t.Span.Path).Concat(schema.Tables.SelectMany(t => t.Columns).Select(c => c.Span.Path)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in sources.Files)
            schema.Files.Add(new SourceFileInfo(file.Path, file.Tree.GetText().Lines.Count, modelFiles.Contains(file.Path)));
    }

    internal static EfModelBuilder BuildModel(CSharpSources sources, ClassInfo context, List<Diagnostic> diagnostics)
    {
        var builder = new EfModelBuilder(sources, diagnostics);
        var chain = new List<ClassInfo>();
        var reader = new EntityReader(sources);
        for (var cls = context; cls is not null && !chain.Contains(cls); cls = reader.BaseClass(cls, out _)) chain.Insert(0, cls);
        foreach (var cls in chain)
        {
            foreach (var (member, file) in cls.Members)
            {
                if (member is not PropertyDeclarationSyntax property) continue;
                var type = property.Type as GenericNameSyntax ?? (property.Type as QualifiedNameSyntax)?.Right as GenericNameSyntax;
                if (type is not { Identifier.Text: "DbSet", TypeArgumentList.Arguments.Count: 1 }) continue;
                var entity = builder.Entity(TypeShape.SimpleName(type.TypeArgumentList.Arguments[0]), file.Span(property.Identifier));
                entity.DbSetName ??= property.Identifier.Text;
            }
        }
        var fluent = new FluentReader(builder, sources);
        foreach (var cls in chain)
            foreach (var (member, file) in cls.Members)
                if (member is MethodDeclarationSyntax { Identifier.Text: "OnModelCreating" } method) fluent.ReadOnModelCreating(method, file, cls);
        builder.ApplyConventions();
        return builder;
    }

    private static readonly string[] s_contextBases = ["DbContext", "IdentityDbContext", "IdentityUserContext", "ApiAuthorizationDbContext"];

    internal static bool IsDbContext(CSharpSources sources, ClassInfo cls, int depth)
    {
        if (depth > 8) return false;
        foreach (var (type, _) in cls.BaseTypes)
        {
            var name = TypeShape.SimpleName(type);
            if (s_contextBases.Contains(name) || (name.EndsWith("DbContext", StringComparison.Ordinal) && sources.Resolve(name) is null)) return true;
            if (sources.Resolve(name, cls) is { } baseClass && baseClass != cls && IsDbContext(sources, baseClass, depth + 1)) return true;
        }
        return false;
    }

    private static string? BaseName(ClassInfo cls) => cls.BaseTypes.Select(b => TypeShape.SimpleName(b.Type)).FirstOrDefault();

    private static SourceSpan Span(ClassInfo cls) => cls.First.File.Span(cls.First.Syntax.Identifier);

    private static readonly (string Call, EfProvider Provider)[] s_providerCalls =
    [
        ("UseNpgsql", EfProvider.Npgsql), ("AddNpgsqlDbContext", EfProvider.Npgsql), ("UseSqlServer", EfProvider.SqlServer),
        ("AddSqlServerDbContext", EfProvider.SqlServer), ("UseAzureSql", EfProvider.SqlServer), ("UseSqlite", EfProvider.Sqlite),
        ("AddSqliteDbContext", EfProvider.Sqlite), ("UseMySql", EfProvider.MySql), ("UseMySQL", EfProvider.MySql), ("AddMySqlDbContext", EfProvider.MySql),
    ];

    /// <summary>Provider calls of the folder: (the class they are in, the generic context they name if any, provider).</summary>
    private static List<(ClassInfo? In, string? Context, EfProvider Provider)> ProviderCalls(CSharpSources sources)
    {
        var calls = new List<(ClassInfo?, string?, EfProvider)>();
        foreach (var file in sources.Files)
        {
            var text = file.Root.ToFullString();
            if (!s_providerCalls.Any(p => text.Contains(p.Call, StringComparison.Ordinal))) continue;
            foreach (var call in file.Root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = call.Expression switch
                {
                    MemberAccessExpressionSyntax m => m.Name,
                    SimpleNameSyntax s => s,
                    _ => null,
                };
                if (name is null) continue;
                var provider = s_providerCalls.FirstOrDefault(p => p.Call == name.Identifier.Text).Provider;
                if (provider == EfProvider.Unknown) continue;
                // AddNpgsqlDbContext<CatalogContext>(…), AddDbContext<OrderingContext>(o => o.UseNpgsql(…)).
                var context = (name as GenericNameSyntax)?.TypeArgumentList.Arguments.Select(TypeShape.SimpleName).FirstOrDefault()
                    ?? call.Ancestors().OfType<InvocationExpressionSyntax>().Select(a => a.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax g } ? g : null)
                        .OfType<GenericNameSyntax>().Where(g => g.Identifier.Text.Contains("DbContext", StringComparison.Ordinal)).Select(g => TypeShape.SimpleName(g.TypeArgumentList.Arguments[0])).FirstOrDefault();
                var inClass = call.Ancestors().OfType<ClassDeclarationSyntax>().FirstOrDefault();
                calls.Add((inClass is null ? null : sources.Resolve(inClass.Identifier.Text, file), context, provider));
            }
        }
        return calls;
    }

    private static EfProvider ProviderFor(ClassInfo context, List<(ClassInfo? In, string? Context, EfProvider Provider)> calls, out bool multiple)
    {
        var own = calls.Where(c => c.In == context || c.Context == context.Name).Select(c => c.Provider).Distinct().ToList();
        var all = calls.Select(c => c.Provider).Distinct().ToList();
        var candidates = own.Count > 0 ? own : all;
        multiple = candidates.Count > 1;
        return calls.Where(c => candidates.Contains(c.Provider)).GroupBy(c => c.Provider).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).FirstOrDefault()?.Key ?? EfProvider.Unknown;
    }
}
