using System.Text.RegularExpressions;
using SchemaAudit.Discovery;
using SchemaAudit.Frontends.TypeScript;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>
/// Drizzle ORM schemas in TypeScript (<c>drizzle-orm/pg-core</c>, <c>sqlite-core</c>, <c>mysql-core</c>).
/// Every accepted file is parsed (never executed); names are followed across files through
/// imports, re-exports and barrels; then tables, columns, constraints and relations are read.
/// </summary>
public sealed partial class DrizzleFrontend : IFrontend
{
    private static readonly HashSet<string> s_extensions = new(StringComparer.Ordinal) { ".ts", ".mts", ".cts", ".js", ".mjs", ".cjs" };

    public string Name => "drizzle";

    /// <summary>Files that import Drizzle, <c>drizzle.config.*</c>, and barrels (<c>index.ts</c> re-exporting schema files).</summary>
    public bool Accepts(SourceFile file)
    {
        if (!s_extensions.Contains(file.Extension) || file.RelativePath.EndsWith(".d.ts", StringComparison.Ordinal)) return false;
        var text = file.Text;
        if (text.Contains("drizzle-orm", StringComparison.Ordinal) || text.Contains("drizzle-kit", StringComparison.Ordinal)) return true;
        return Path.GetFileNameWithoutExtension(file.RelativePath) == "index" && text.Contains("export", StringComparison.Ordinal)
               && text.Contains(" from ", StringComparison.Ordinal);
    }

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        var asts = new TsModule[files.Count];
        Parallel.For(0, files.Count, i => asts[i] = TsParser.Parse(files[i].RelativePath, files[i].Text));
        var modules = new List<DrizzleModule>(asts.Length);
        foreach (var ast in asts)
        {
            modules.Add(new DrizzleModule(ast));
            schema.Diagnostics.AddRange(ast.Diagnostics);
        }

        var project = new DrizzleProject(modules);
        var context = new DrizzleContext(schema);
        ReadSettings(project, context, files);
        var expressions = new DrizzleExpressions(project);

        var tables = new DrizzleTableExtractor(project, expressions, context);
        tables.Discover();
        tables.ExtractColumns();
        var constraints = new DrizzleConstraintExtractor(project, expressions, context);
        foreach (var table in tables.Tables) constraints.Extract(table);
        new DrizzleRelationsExtractor(project, expressions, context).Extract();

        if (tables.Tables.Count > 0) schema.Dialect ??= context.Dialect ?? MostCommon(tables.Tables.Select(t => t.Dialect));
        var modelFiles = tables.Tables.Select(t => t.Module.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var module in modules)
            schema.Files.Add(new SourceFileInfo(module.Path, module.Ast.Lines.LineCount, modelFiles.Contains(module.Path)));
    }

    private static string? MostCommon(IEnumerable<string> values) =>
        values.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;

    [GeneratedRegex(@"\bcasing\s*:\s*['""](?<casing>snake_case|camelCase)['""]", RegexOptions.CultureInvariant)]
    private static partial Regex CasingOption();

    /// <summary>
    /// Casing and dialect from <c>drizzle(client, { casing })</c> and <c>defineConfig({ dialect, casing })</c>;
    /// the dialect otherwise from the core module the schema imports.
    /// </summary>
    private static void ReadSettings(DrizzleProject project, DrizzleContext context, IReadOnlyList<SourceFile> files)
    {
        var expressions = new DrizzleExpressions(project);
        foreach (var module in project.Modules)
        {
            var candidates = module.TopLevelConstants.Select(c => c.Declarator.Initializer!).Concat(module.TopLevelExpressions);
            foreach (var candidate in candidates)
            {
                if (TsSyntax.Unwrap(candidate) is not TsCall call) continue;
                if (project.Resolve(call.Callee, module, null) is not ExternalValue { Name: "drizzle" or "defineConfig" } external
                    || !external.Package.StartsWith("drizzle", StringComparison.Ordinal)) continue;
                foreach (var argument in call.Arguments)
                {
                    var options = expressions.Options(argument, module, null);
                    context.Casing ??= expressions.StringOption(options, "casing");
                    if (expressions.StringOption(options, "dialect") is { } dialect) context.Dialect ??= DrizzleDialects.OfConfigName(dialect);
                }
            }
        }
        if (context.Casing is null)
        {
            // drizzle() called inside a function: the option is still plain to see.
            foreach (var file in files)
            {
                if (!file.Text.Contains("casing", StringComparison.Ordinal)) continue;
                var match = CasingOption().Match(file.Text);
                if (match.Success)
                {
                    context.Casing = match.Groups["casing"].Value;
                    break;
                }
            }
        }
        context.Dialect ??= MostCommon(project.Modules.SelectMany(m => m.ImportedPackages).Select(DrizzleDialects.OfPackage).OfType<string>());
    }
}
