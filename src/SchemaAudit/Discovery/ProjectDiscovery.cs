using SchemaAudit.Configuration;
using SchemaAudit.Model;

namespace SchemaAudit.Discovery;

/// <summary>
/// Finds the files under the audited paths that the front-ends may read, the way a developer
/// would list their project: honouring <c>.gitignore</c> files and the configuration's
/// <c>exclude</c> globs, skipping virtual environments, dependencies and build output, never
/// leaving the audited root through a symlink, and never reading a binary or huge file.
/// </summary>
public static class ProjectDiscovery
{
    // Schema dumps of large databases run to several MiB and every front-end is linear, so the
    // limit only keeps out data files (fixtures, generated blobs) that happen to end in .sql/.py.
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Extensions a front-end may read (models, migrations, DDL, config files with connection strings).</summary>
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".py", ".ts", ".mts", ".cts", ".js", ".mjs", ".cs", ".sql", ".json", ".yml", ".yaml", ".toml", ".ini", ".cfg", ".env",
        // .NET project files: <Nullable> decides EF's required columns; .sqlproj marks SQL Server database projects.
        ".csproj", ".props", ".sqlproj",
        ".example", ".sample", // .env.example: the connection URL a project documents names its database
    };

    /// <summary>
    /// Discovers files under <paramref name="root"/> (a directory or a single file). Paths in
    /// the result are relative to <paramref name="displayRoot"/>, with forward slashes, sorted.
    /// </summary>
    /// <exception cref="AuditInputException"><paramref name="root"/> does not exist, or is a file that cannot be read.</exception>
    public static IReadOnlyList<SourceFile> Discover(string root, string displayRoot, AuditConfig config, List<Diagnostic> diagnostics,
        List<ExcludedPath>? excluded = null)
    {
        var fullRoot = Path.GetFullPath(root);
        var fullDisplayRoot = Path.GetFullPath(displayRoot);
        if (File.Exists(fullRoot))
        {
            // A file named on the command line is read whatever the ignore files say; one that cannot be
            // read (or is over the size limit) is an input error (exit 2), not a note in a clean report.
            var candidate = new FileCandidate(fullRoot, DisplayPath(fullDisplayRoot, fullRoot), new FileInfo(fullRoot).Length);
            var (file, note) = Read(candidate);
            if (file is null && note is { Severity: DiagnosticSeverity.Warning })
                throw new AuditInputException($"{candidate.RelativePath}: {note.Message.Replace("skipped: ", "", StringComparison.Ordinal)}");
            if (note is not null) diagnostics.Add(note);
            return file is null ? [] : [file];
        }
        if (!Directory.Exists(fullRoot)) throw new AuditInputException($"{root}: no such file or directory");
        return ReadAll(new DirectoryWalker(fullRoot, fullDisplayRoot, config, diagnostics, excluded).Walk(), diagnostics);
    }

    /// <summary>UTF-8 (with or without BOM), falling back to Latin-1 so no byte is lost.</summary>
    public static string Decode(byte[] bytes) => TextDecoding.Decode(bytes, out _);

    internal static string DisplayPath(string fullDisplayRoot, string fullPath) =>
        Path.GetRelativePath(fullDisplayRoot, fullPath).Replace('\\', '/');

    // Reading dominates the cost of discovery, so files are read in parallel; the results keep
    // the walk's order so that files and diagnostics come out the same on every run.
    private static List<SourceFile> ReadAll(List<FileCandidate> candidates, List<Diagnostic> diagnostics)
    {
        var files = new SourceFile?[candidates.Count];
        var notes = new Diagnostic?[candidates.Count];
        Parallel.For(0, candidates.Count, i => (files[i], notes[i]) = Read(candidates[i]));

        var result = new List<SourceFile>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (notes[i] is { } note) diagnostics.Add(note);
            if (files[i] is { } file) result.Add(file);
        }
        result.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return result;
    }

    private static (SourceFile? File, Diagnostic? Note) Read(FileCandidate candidate)
    {
        var where = SourceSpan.At(candidate.RelativePath, 1, 1);
        if (candidate.Length > MaxFileBytes)
        {
            return (null, new Diagnostic(where,
                $"skipped: the file is {candidate.Length / 1024} KiB, over the {MaxFileBytes / 1024} KiB limit", DiagnosticSeverity.Warning));
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(candidate.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new Diagnostic(where, $"skipped: cannot read the file: {ex.Message}", DiagnosticSeverity.Warning));
        }
        if (bytes.Length > MaxFileBytes) // grew since it was listed
        {
            return (null, new Diagnostic(where,
                $"skipped: the file is {bytes.Length / 1024} KiB, over the {MaxFileBytes / 1024} KiB limit", DiagnosticSeverity.Warning));
        }
        if (TextDecoding.LooksBinary(bytes))
            return (null, new Diagnostic(where, "skipped: binary file (contains NUL bytes)", DiagnosticSeverity.Info));

        var text = TextDecoding.Decode(bytes, out var encoding);
        var note = encoding == TextEncodingUsed.Latin1
            ? new Diagnostic(where, "not valid UTF-8: read as Latin-1", DiagnosticSeverity.Info)
            : null;
        return (new SourceFile(candidate.FullPath, candidate.RelativePath, text), note);
    }
}

/// <summary>A file the walk kept, not yet read.</summary>
internal readonly record struct FileCandidate(string FullPath, string RelativePath, long Length);
