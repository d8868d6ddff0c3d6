using System.Diagnostics;

namespace SchemaAudit.Corpus;

/// <summary>What happened to one project of the suite: skipped (not checked out here) or audited and tallied.</summary>
public sealed record ProjectResult(
    CorpusProject Project,
    string? SkippedBecause,
    IReadOnlyList<string> Warnings,
    AuditOutcome? Outcome,
    ProjectTally? Tally,
    IReadOnlyList<AuditedFinding> UnlabelledWarningOrAbove)
{
    public bool Skipped => SkippedBecause is not null;
}

/// <summary>Audits each project of the manifest that is present in the corpus folder and meets its findings with its labels.</summary>
public sealed class CorpusRun(IProjectAuditor auditor, Func<string, string?> headCommitOf)
{
    /// <summary>The runner used by the command: the in-process CLI and <c>git rev-parse HEAD</c>.</summary>
    public static CorpusRun Default() => new(new CliProjectAuditor(), GitHead);

    /// <param name="corpusDirectory">Where checkouts live as <c>owner__name</c>; null when not configured (every project is skipped).</param>
    /// <param name="labelsDirectory">Where <c>owner__name.yaml</c> label files live.</param>
    public IReadOnlyList<ProjectResult> Run(IReadOnlyList<CorpusProject> projects, string? corpusDirectory, string labelsDirectory)
    {
        var results = new List<ProjectResult>(projects.Count);
        foreach (var project in projects)
            results.Add(RunOne(project, corpusDirectory, labelsDirectory));
        return results;
    }

    private ProjectResult RunOne(CorpusProject project, string? corpusDirectory, string labelsDirectory)
    {
        if (corpusDirectory is null)
            return Skip(project, "CORPUS_DIR is not set");
        var checkout = Path.Combine(corpusDirectory, project.Name);
        if (!Directory.Exists(checkout))
            return Skip(project, "not present in the corpus folder");

        var warnings = new List<string>();
        var head = headCommitOf(checkout);
        if (head is null)
            warnings.Add("commit unknown (not a git checkout?): labels may not match");
        else if (!string.Equals(head, project.Commit, StringComparison.OrdinalIgnoreCase))
            warnings.Add($"checkout is at {Short(head)}, pinned {Short(project.Commit)}: labels may not match");

        var labelPath = Path.Combine(labelsDirectory, project.Name + ".yaml");
        var labels = File.Exists(labelPath) ? LabelFile.Parse(File.ReadAllText(labelPath), labelPath) : LabelFile.Empty;
        if (labels.Commit.Length > 0 && !string.Equals(labels.Commit, project.Commit, StringComparison.OrdinalIgnoreCase))
            warnings.Add($"labels were judged at {Short(labels.Commit)}, pinned {Short(project.Commit)}");
        foreach (var path in project.Paths.Where(p => !Directory.Exists(Path.Combine(checkout, p)) && !File.Exists(Path.Combine(checkout, p))))
            warnings.Add($"path `{path}` is not in the checkout");

        var present = project.Paths.Where(p => Directory.Exists(Path.Combine(checkout, p)) || File.Exists(Path.Combine(checkout, p))).ToList();
        if (project.Paths.Count > 0 && present.Count == 0)
            return new ProjectResult(project, "none of its paths is in the checkout", warnings, null, null, []);

        var outcome = auditor.Audit(checkout, present);
        var tally = ProjectTally.Compute(outcome.Findings, labels.Labels);
        var labelled = labels.Labels.Select(l => l.Key).ToHashSet();
        var unlabelled = outcome.Findings.Where(f => f.IsWarningOrAbove && !labelled.Contains(f.Key)).ToList();
        if (tally.DuplicateLabels > 0)
            warnings.Add($"{tally.DuplicateLabels} duplicate label(s) (same rule, path and line): the first one counts");
        return new ProjectResult(project, null, warnings, outcome, tally, unlabelled);
    }

    private static ProjectResult Skip(CorpusProject project, string because) => new(project, because, [], null, null, []);

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    /// <summary><c>git rev-parse HEAD</c> of a checkout, or null when git cannot tell.</summary>
    public static string? GitHead(string directory)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", directory, "rev-parse", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var git = Process.Start(start);
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length == 40 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
