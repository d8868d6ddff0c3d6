using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Frontends;
using SchemaAudit.Frontends.Drizzle;
using SchemaAudit.Frontends.Migrations;
using SchemaAudit.Frontends.SqlAlchemy;
using SchemaAudit.Frontends.Text;
using SchemaAudit.Model;
using SchemaAudit.Rules;

namespace SchemaAudit.Pipeline;

/// <summary>
/// The whole pipeline: discover → front-ends → one unified model per view (ORM models,
/// migrations, live database) → rules → suppressions → score.
/// Everything is in-process and side-effect free apart from reading the audited files.
/// </summary>
public static class AuditRunner
{
    private static readonly Lock s_registration = new();

    /// <summary>The front-ends, in the order they run: the built-in ones, then those registered (<see cref="Register"/>).</summary>
    public static IReadOnlyList<IFrontend> Frontends { get; private set; } =
    [
        new SqlAlchemyFrontend(),
        new DrizzleFrontend(),
        new ConnectionStringScanner(),
        new SecretHandlingScanner(),
        new SqlMigrationsFrontend(),
        new AlembicFrontend(),
    ];

    /// <summary>
    /// Adds a front-end kept in another assembly (the EF Core one carries Roslyn, which the core does not);
    /// registering the same name twice is a no-op. The list is replaced, never changed, so a run in progress keeps its own.
    /// </summary>
    public static void Register(IFrontend frontend)
    {
        lock (s_registration)
        {
            if (Frontends.Any(f => f.Name == frontend.Name)) return;
            Frontends = [.. Frontends, frontend];
        }
    }

    /// <summary>Discovers the files under <paramref name="paths"/>; unreadable ones become diagnostics.</summary>
    /// <param name="root">Directory that relative paths in the output are relative to.</param>
    public static IReadOnlyList<SourceFile> Discover(IReadOnlyList<string> paths, string root, AuditConfig config, List<Diagnostic> diagnostics,
        List<ExcludedPath>? excluded = null)
    {
        var files = new List<SourceFile>();
        foreach (var path in paths)
            files.AddRange(ProjectDiscovery.Discover(Path.GetFullPath(path), root, config, diagnostics, excluded));
        return files;
    }

    /// <summary>Reads the given paths into the primary schema view (see <see cref="BuildViews"/>).</summary>
    public static Schema BuildSchema(IReadOnlyList<string> paths, string root, AuditConfig config) =>
        BuildViews(paths, root, config)[0];

    /// <summary>Reads the given paths into every schema view they hold, primary first (see <see cref="BuildViews(IReadOnlyList{SourceFile})"/>).</summary>
    public static IReadOnlyList<Schema> BuildViews(IReadOnlyList<string> paths, string root, AuditConfig config)
    {
        var diagnostics = new List<Diagnostic>();
        var excluded = new List<ExcludedPath>();
        var views = BuildViews(Discover(paths, root, config, diagnostics, excluded));
        views[0].Diagnostics.InsertRange(0, diagnostics);
        views[0].Excluded.AddRange(excluded);
        return views;
    }

    /// <summary>The primary view of files already read (tests use this with in-memory files).</summary>
    public static Schema BuildSchema(IReadOnlyList<SourceFile> files) => BuildViews(files)[0];

    /// <summary>
    /// Builds one schema per view that has input, primary first: ORM models when any model
    /// declares a table, else migrations/DDL, else whatever there is. Diagnostics, file
    /// facts and inline suppressions of all views are gathered in the primary view, so
    /// reports show everything that was read. Never empty.
    /// </summary>
    public static IReadOnlyList<Schema> BuildViews(IReadOnlyList<SourceFile> files)
    {
        var views = new SortedDictionary<SchemaSourceKind, Schema>();
        foreach (var frontend in Frontends)
        {
            var accepted = files.Where(frontend.Accepts).ToList();
            if (accepted.Count == 0) continue;
            if (!views.TryGetValue(frontend.View, out var schema))
                views[frontend.View] = schema = new Schema { SourceKind = frontend.View };
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

        var ordered = views.Values.ToList();
        foreach (var view in ordered) DiagnosticLimit.Apply(view.Diagnostics);
        if (ordered.Count == 0) ordered.Add(new Schema());
        var primary = ordered.Find(v => v.Tables.Count > 0) ?? ordered[0];
        ordered.Remove(primary);
        ordered.Insert(0, primary);
        ProjectDialect.Apply(files, ordered);

        foreach (var other in ordered.Skip(1))
        {
            primary.Diagnostics.AddRange(other.Diagnostics);
            foreach (var file in other.Files)
            {
                if (!primary.Files.Exists(f => f.Path == file.Path)) primary.Files.Add(file);
            }
            // Secrets in source are a fact about the project, not about one view.
            primary.ConnectionStrings.AddRange(other.ConnectionStrings);
            other.ConnectionStrings.Clear();
        }
        // How the code stores secrets is a fact about the project: every view's rules may ask.
        var secretHandling = ordered.SelectMany(v => v.SecretHandling).ToList();
        foreach (var view in ordered)
        {
            view.SecretHandling.Clear();
            view.SecretHandling.AddRange(secretHandling);
        }
        foreach (var file in files)
            SuppressionScanner.Scan(file, primary.Suppressions);

        // What the application code does, and the update hooks any view found (a trigger in the migrations keeps the
        // models' `updated_at` current too), are facts about the project: every view sees them.
        var evidence = CodeEvidenceScanner.Scan(files);
        var hooks = ordered.SelectMany(v => v.UpdateHooks).Distinct().ToList();
        foreach (var view in ordered)
        {
            view.Evidence = evidence;
            var own = view.UpdateHooks.ToHashSet();
            view.UpdateHooks.AddRange(hooks.Where(own.Add));
        }
        return ordered;
    }

    /// <summary>Runs the enabled rules on a schema and scores the result.</summary>
    public static AuditResult Audit(Schema schema, string displayRoot, AuditConfig config) =>
        Audit([schema], displayRoot, config);

    /// <summary>
    /// Runs the enabled rules on every view. A defect found in an earlier view (same rule,
    /// table and column) is not reported again from a later one: models and migrations of one
    /// schema share their defects, and the model is where a developer fixes them. Nor does a later
    /// view report on a table or column an earlier view declares: the earlier view knows more (a
    /// Drizzle <c>text({ enum })</c> is plain <c>text</c> in the SQL), and where the two really differ,
    /// <c>schema-drift</c> says so. Rules that need a live database are the exception: only that view can tell.
    /// </summary>
    public static AuditResult Audit(IReadOnlyList<Schema> views, string displayRoot, AuditConfig config)
    {
        var primary = views[0];
        var rules = RuleRegistry.All.Where(r => config.IsEnabled(r.Id)).ToList();
        var findings = new List<Finding>();
        var reportedEarlier = new HashSet<(string, string, string)>();
        var declaredEarlier = new HashSet<(string Table, string Column)>();
        var liveOnly = rules.Where(r => r.Metadata.NeedsLiveDatabase).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var view in views)
        {
            var diagnosticsBefore = view.Diagnostics.Count;
            var reportedHere = new HashSet<(string, string, string)>();
            var otherViews = views.Where(v => !ReferenceEquals(v, view)).ToList();
            foreach (var finding in AuditEngine.RunRules(view, rules, config, otherViews))
            {
                if (finding.Table is not null)
                {
                    var key = (finding.RuleId, finding.Table.ToLowerInvariant(), finding.ColumnName?.ToLowerInvariant() ?? "");
                    if (reportedEarlier.Contains(key)) continue;
                    if (declaredEarlier.Contains((key.Item2, key.Item3)) && !liveOnly.Contains(finding.RuleId)) continue;
                    reportedHere.Add(key);
                }
                findings.Add(finding);
            }
            reportedEarlier.UnionWith(reportedHere);
            foreach (var table in view.Tables)
            {
                var name = table.Name.ToLowerInvariant();
                declaredEarlier.Add((name, ""));
                foreach (var column in table.Columns) declaredEarlier.Add((name, column.Name.ToLowerInvariant()));
            }
            // Rule errors on a secondary view are reported with the rest.
            if (!ReferenceEquals(view, primary))
                primary.Diagnostics.AddRange(view.Diagnostics.Skip(diagnosticsBefore));
        }
        if (config.IsEnabled(Rules.Drift.SchemaDrift.Metadata.Id))
            findings.AddRange(DriftBetween(views));
        findings = PrecisionGate.Apply(findings, config);
        var result = ConventionCollapse.Apply(
            AuditEngine.ApplySuppressions(findings, primary.Suppressions, config), ConventionPolicies(rules, config));
        result.Sort(AuditEngine.CompareFindings);
        return new AuditResult
        {
            Root = displayRoot,
            Schema = primary,
            Views = views,
            Findings = result,
            RulesRun = rules,
            Score = Score.Compute(result.Where(f => !f.IsSuppressed), primary),
            Statistics = Statistics.Compute(primary),
            ConfigurationFile = config.DisplayPath,
        };
    }

    // A severity set in the configuration wins over the policy's own.
    private static Dictionary<string, ConventionPolicy> ConventionPolicies(IEnumerable<Rules.Rule> rules, AuditConfig config) =>
        rules.Where(r => r.Convention is not null).ToDictionary(
            r => r.Id,
            r => config.Severities.ContainsKey(r.Id) ? r.Convention! with { Severity = null } : r.Convention!,
            StringComparer.Ordinal);

    /// <summary>
    /// <c>schema-drift</c>: the primary view compared with every other view that has tables
    /// (models vs migrations, models vs database; migrations vs database when there are no models).
    /// </summary>
    public static IEnumerable<Finding> DriftBetween(IReadOnlyList<Schema> views)
    {
        if (views.Count < 2 || views[0].Tables.Count == 0) return [];
        return views.Skip(1).Where(v => v.Tables.Count > 0).SelectMany(v => Drift.DriftDetector.Compare(views[0], v));
    }

    /// <summary>
    /// Adds a live database view to the views read from files. With no file view that has tables
    /// (<c>--db</c> alone), the database becomes the primary view and takes over what the file views
    /// gathered (diagnostics, files, suppressions, connection strings).
    /// </summary>
    public static IReadOnlyList<Schema> WithLiveView(IReadOnlyList<Schema> views, Schema live)
    {
        // Every file view holds the same evidence of how secrets are stored (see BuildViews).
        if (views.Count > 0) live.SecretHandling.AddRange(views[0].SecretHandling);
        if (views.Count > 0 && views[0].Tables.Count > 0) return [.. views, live];
        foreach (var view in views)
        {
            live.Diagnostics.AddRange(view.Diagnostics);
            live.Files.AddRange(view.Files);
            live.Suppressions.AddRange(view.Suppressions);
            live.Excluded.AddRange(view.Excluded);
            live.ConnectionStrings.AddRange(view.ConnectionStrings);
        }
        return [live];
    }

    /// <summary>Discovers, reads and audits <paramref name="paths"/>.</summary>
    public static AuditResult Run(IReadOnlyList<string> paths, AuditConfig config)
    {
        return Audit(BuildViews(paths, CommonRoot(paths), config), DisplayRoot(paths), config);
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
