namespace SchemaAudit.Corpus;

/// <summary>
/// The real-project precision suite: audits the local checkouts listed in bench/corpus/projects.yaml
/// and meets their findings with the hand labels of bench/corpus/labels. Projects that are not
/// checked out are skipped, so it runs (and passes) without network.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: SchemaAudit.Corpus [--corpus DIR] [--manifest FILE] [--labels DIR] [--project NAME]...
                                  [--rules-out FILE] [--date YYYY-MM-DD] [--unlabelled] [--reports DIR]
          --corpus DIR      folder of checkouts named owner__name (default: $CORPUS_DIR)
          --manifest FILE   project list (default: bench/corpus/projects.yaml)
          --labels DIR      label files (default: bench/corpus/labels)
          --project NAME    only this project (repeatable)
          --rules-out FILE  write the per-rule precision as YAML
          --date DAY        the date written with the per-rule figures (default: today, UTC)
          --unlabelled      also list the warning+ findings that have no label yet
          --reports DIR     tally saved JSON reports (DIR/owner__name.json) instead of auditing
        """;

    private static int Main(string[] args)
    {
        string? corpus = Environment.GetEnvironmentVariable("CORPUS_DIR"), rulesOut = null;
        var root = FindRepositoryRoot();
        var manifest = Path.Combine(root, "bench", "corpus", "projects.yaml");
        var labels = Path.Combine(root, "bench", "corpus", "labels");
        var only = new HashSet<string>(StringComparer.Ordinal);
        var date = DateOnly.FromDateTime(DateTime.UtcNow);
        var listUnlabelled = false;
        string? reports = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--corpus": corpus = Next(); break;
                    case "--manifest": manifest = Next(); break;
                    case "--labels": labels = Next(); break;
                    case "--project": only.Add(Next()); break;
                    case "--rules-out": rulesOut = Next(); break;
                    case "--date": date = DateOnly.ParseExact(Next(), "yyyy-MM-dd"); break;
                    case "--unlabelled": listUnlabelled = true; break;
                    case "--reports": reports = Next(); break;
                    case "-h" or "--help": Console.WriteLine(Usage); return 0;
                    default: throw new ArgumentException($"unknown option `{args[i]}`");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"error: {ex.Message}\n{Usage}");
                return 2;
            }
        }

        var projects = CorpusManifest.Parse(File.ReadAllText(manifest))
            .Where(p => only.Count == 0 || only.Contains(p.Name)).ToList();
        var run = reports is null ? CorpusRun.Default() : new CorpusRun(new SavedReportAuditor(reports), CorpusRun.GitHead);
        var results = run.Run(projects, string.IsNullOrEmpty(corpus) ? null : corpus, labels);
        CorpusReport.Write(Console.Out, results, listUnlabelled);
        if (rulesOut is not null)
        {
            using var writer = new StreamWriter(rulesOut);
            CorpusReport.WriteRulesYaml(writer, results, date);
            Console.WriteLine($"\nWrote the per-rule figures to {rulesOut}.");
        }
        return 0;
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SchemaAudit.sln"))) return dir.FullName;
            }
        }
        return Environment.CurrentDirectory;
    }
}
