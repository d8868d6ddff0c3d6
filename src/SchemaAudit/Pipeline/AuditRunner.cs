using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Frontends;
using SchemaAudit.Frontends.SqlAlchemy;
using SchemaAudit.Frontends.Text;
using SchemaAudit.Model;
using SchemaAudit.Rules;

namespace SchemaAudit.Pipeline;

/// <summary>
/// The whole pipeline: discover → front-ends → unified model → rules → suppressions → score.
/// Everything is in-process and side-effect free apart from reading the audited files.
/// </summary>
public static class AuditRunner
{
    /// <summary>The front-ends, in the order they run.</summary>
    public static IReadOnlyList<IFrontend> Frontends { get; } = [new SqlAlchemyFrontend(), new SchemaAudit.Frontends.Drizzle.DrizzleFrontend(), new ConnectionStringScanner()];

    /// <summary>Reads the given paths into one schema view.</summary>
    /// <param name="paths">Directories or files to audit.</param>
    /// <param name="root">Directory that relative paths in the output are relative to.</param>
    public static Schema BuildSchema(IReadOnlyList<string> paths, string root, AuditConfig config)
    {
        var diagnostics = new List<Diagnostic>();
        var files = new List<SourceFile>();
        foreach (var path in paths)
            files.AddRange(ProjectDiscovery.Discover(Path.GetFullPath(path), root, config, diagnostics));
        var schema = BuildSchema(files);
        schema.Diagnostics.InsertRange(0, diagnostics);
        return schema;
    }

    /// <summary>Builds a schema view from files already read (tests use this with in-memory files).</summary>
    public static Schema BuildSchema(IReadOnlyList<SourceFile> files)
    {
        var schema = new Schema();
        foreach (var frontend in Frontends)
        {
            var accepted = files.Where(frontend.Accepts).ToList();
            if (accepted.Count == 0) continue;
            try
            {
                frontend.Extract(accepted, schema);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A front-end bug must not cost the user the rest of the audit.
                schema.Diagnostics.Add(new Diagnostic(SourceSpan.None, $"internal error in the {frontend.Name} front-end: {ex.GetType().Name}: {ex.Message}"));
            }
        }
        foreach (var file in files)
            SuppressionScanner.Scan(file, schema.Suppressions);
        return schema;
    }

    /// <summary>Runs the enabled rules on a schema and scores the result.</summary>
    public static AuditResult Audit(Schema schema, string displayRoot, AuditConfig config)
    {
        var rules = RuleRegistry.All.Where(r => config.IsEnabled(r.Id)).ToList();
        var findings = AuditEngine.Run(schema, rules, config);
        return new AuditResult
        {
            Root = displayRoot,
            Schema = schema,
            Findings = findings,
            RulesRun = rules,
            Score = Score.Compute(findings.Where(f => !f.IsSuppressed)),
            Statistics = Statistics.Compute(schema),
        };
    }

    /// <summary>Discovers, reads and audits <paramref name="paths"/>.</summary>
    public static AuditResult Run(IReadOnlyList<string> paths, AuditConfig config)
    {
        var root = CommonRoot(paths);
        var schema = BuildSchema(paths, root, config);
        return Audit(schema, DisplayRoot(paths), config);
    }

    /// <summary>The directory findings' paths are relative to: the audited directory, or the common parent of several paths.</summary>
    public static string CommonRoot(IReadOnlyList<string> paths)
    {
        if (paths.Count == 1)
        {
            var full = Path.GetFullPath(paths[0]);
            return Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
        }
        return Directory.GetCurrentDirectory();
    }

    private static string DisplayRoot(IReadOnlyList<string> paths) =>
        paths.Count == 1 ? paths[0].Replace('\\', '/') : ".";
}
