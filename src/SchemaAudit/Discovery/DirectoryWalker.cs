using SchemaAudit.Configuration;
using SchemaAudit.Model;

namespace SchemaAudit.Discovery;

/// <summary>
/// One walk of one audited directory. Visits every directory once (by its real path), so the
/// cost is linear in the number of entries, and a symlink can neither loop nor duplicate files:
/// links are followed only after the real tree is walked, and only when they stay inside the root.
/// </summary>
internal sealed class DirectoryWalker
{
    private static readonly HashSet<string> s_skippedDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", ".hg", ".svn", "node_modules", "bin", "obj", "__pycache__", "__pypackages__", ".venv", "venv", "env", ".env",
        "site-packages", "dist-packages", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis",
        ".cache", ".eggs", ".direnv", "build", "dist", ".next", ".nuxt", ".turbo", ".idea", ".vs", ".vscode",
    };

    private readonly string _root;
    private readonly string _realRoot;
    private readonly string _displayPrefix;
    private readonly IgnoreScope _rootScope;
    private readonly string _ignorePrefix;
    private readonly IgnoreRules _configExcludes;
    private readonly string _configPrefix;
    private readonly List<Diagnostic> _diagnostics;
    private readonly List<ExcludedPath>? _excluded;

    private readonly List<FileCandidate> _candidates = [];
    private readonly HashSet<string> _visitedDirectories = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visitedFiles = new(StringComparer.Ordinal);
    private readonly List<PendingLink> _links = [];

    public DirectoryWalker(string root, string fullDisplayRoot, AuditConfig config, List<Diagnostic> diagnostics, List<ExcludedPath>? excluded = null)
    {
        _excluded = excluded;
        _root = Path.TrimEndingDirectorySeparator(root);
        _realRoot = RealPath.Resolve(_root) ?? _root;
        _diagnostics = diagnostics;

        var display = ProjectDiscovery.DisplayPath(fullDisplayRoot, _root);
        _displayPrefix = display is "." ? "" : display + "/";

        // Ignore files above the audited directory count too, up to the repository's root.
        var repositoryRoot = FindRepositoryRoot(_root);
        _ignorePrefix = PrefixFrom(repositoryRoot, _root);
        _rootScope = AncestorScope(repositoryRoot);

        // Exclude patterns are relative to the configuration file when it sits above the root.
        var configBase = config.BaseDirectory is { } b && IsSameOrInside(_root, b) ? b : _root;
        _configPrefix = PrefixFrom(configBase, _root);
        _configExcludes = new IgnoreRules(config.Exclude);
    }

    public List<FileCandidate> Walk()
    {
        _visitedDirectories.Add(_realRoot);
        WalkTree(new PendingDirectory(_root, _realRoot, "", _rootScope));

        // Links last, so that a real path always wins over a link to it. Following a link
        // may find more links: the list grows while it is read.
        for (var i = 0; i < _links.Count; i++) FollowLink(_links[i]);
        return _candidates;
    }

    private void WalkTree(PendingDirectory start)
    {
        var pending = new Stack<PendingDirectory>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            var entries = List(directory);
            if (entries is null) continue;

            var scope = directory.Scope;
            var gitignore = Array.Find(entries, e => e.Name == ".gitignore" && e is FileInfo);
            if (gitignore is not null) scope = scope.With(LoadIgnoreFile(gitignore.FullName, Join(_ignorePrefix, directory.Relative)));

            // Pushed in reverse so that directories are walked in name order.
            for (var i = entries.Length - 1; i >= 0; i--)
            {
                var entry = entries[i];
                var relative = Join(directory.Relative, entry.Name);
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    _links.Add(new PendingLink(entry.FullName, relative, scope));
                    continue;
                }
                var realPath = directory.RealPath + "/" + entry.Name;
                if (entry is DirectoryInfo)
                {
                    if (IsSkippedDirectory(entry.Name, entry.FullName) || IsExcluded(relative, isDirectory: true, scope, record: true)) continue;
                    if (_visitedDirectories.Add(realPath))
                        pending.Push(new PendingDirectory(entry.FullName, realPath, relative, scope));
                }
                else if (entry is FileInfo file && IsAuditable(file.Name) && !IsExcluded(relative, isDirectory: false, scope, record: true)
                         && _visitedFiles.Add(realPath))
                {
                    _candidates.Add(new FileCandidate(file.FullName, _displayPrefix + relative, file.Length));
                }
            }
        }
    }

    private void FollowLink(PendingLink link)
    {
        var name = Path.GetFileName(link.FullPath);
        var target = RealPath.Resolve(link.FullPath);
        if (target is null)
        {
            Note(link, "symlink not followed: it is broken or loops");
            return;
        }
        if (!IsSameOrInside(target, _realRoot))
        {
            Note(link, "symlink not followed: it points outside the audited directory");
            return;
        }
        if (Directory.Exists(target))
        {
            if (IsSkippedDirectory(name, target) || IsExcluded(link.Relative, isDirectory: true, link.Scope)) return;
            if (!_visitedDirectories.Add(target))
            {
                Note(link, "symlink not followed: its directory is already audited (a loop or a second path to it)");
                return;
            }
            WalkTree(new PendingDirectory(link.FullPath, target, link.Relative, link.Scope));
        }
        else if (File.Exists(target) && IsAuditable(name) && !IsExcluded(link.Relative, isDirectory: false, link.Scope)
                 && _visitedFiles.Add(target))
        {
            _candidates.Add(new FileCandidate(link.FullPath, _displayPrefix + link.Relative, new FileInfo(target).Length));
        }
    }

    private FileSystemInfo[]? List(PendingDirectory directory)
    {
        try
        {
            var entries = new DirectoryInfo(directory.FullPath).GetFileSystemInfos();
            Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return entries;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Add(new Diagnostic(SourceSpan.At(_displayPrefix + directory.Relative, 1, 1),
                $"skipped: cannot list the directory: {ex.Message}", DiagnosticSeverity.Warning));
            return null;
        }
    }

    private bool IsExcluded(string relative, bool isDirectory, IgnoreScope scope, bool record = false)
    {
        var reason = _configExcludes.Evaluate(_configPrefix + relative, isDirectory) == IgnoreVerdict.Ignored ? "excluded by the configuration"
            : scope.IsIgnored(_ignorePrefix + relative, isDirectory) ? "ignored by .gitignore"
            : null;
        // Said in the report ("what was read"), so that an exclude that hides the models is seen.
        if (reason is not null && record) _excluded?.Add(new ExcludedPath(_displayPrefix + relative + (isDirectory ? "/" : ""), reason));
        return reason is not null;
    }

    private static bool IsAuditable(string name) => ProjectDiscovery.Extensions.Contains(Path.GetExtension(name));

    // Virtual environments have many names; pyvenv.cfg is what makes one.
    private static bool IsSkippedDirectory(string name, string fullPath) =>
        s_skippedDirectories.Contains(name)
        || name.EndsWith(".egg-info", StringComparison.OrdinalIgnoreCase)
        || File.Exists(Path.Combine(fullPath, "pyvenv.cfg"));

    private IgnoreScope AncestorScope(string repositoryRoot)
    {
        var scope = IgnoreScope.Empty;
        var exclude = Path.Combine(repositoryRoot, ".git", "info", "exclude");
        if (File.Exists(exclude)) scope = scope.With(LoadIgnoreFile(exclude, ""));
        if (repositoryRoot == _root) return scope;

        // From the repository root down to (not including) the audited directory, whose own
        // .gitignore is read when it is listed.
        var parts = _ignorePrefix.TrimEnd('/').Split('/');
        var directory = repositoryRoot;
        var relative = "";
        for (var i = 0; i < parts.Length; i++)
        {
            var gitignore = Path.Combine(directory, ".gitignore");
            if (File.Exists(gitignore)) scope = scope.With(LoadIgnoreFile(gitignore, relative));
            directory = Path.Combine(directory, parts[i]);
            relative = Join(relative, parts[i]);
        }
        return scope;
    }

    private IgnoreRules LoadIgnoreFile(string path, string baseDirectory)
    {
        try
        {
            return IgnoreRules.FromFile(path, baseDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Add(new Diagnostic(SourceSpan.At(ProjectDiscovery.DisplayPath(_root, path), 1, 1),
                $"cannot read the ignore file: {ex.Message}", DiagnosticSeverity.Warning));
            return new IgnoreRules([]);
        }
    }

    private static string FindRepositoryRoot(string root)
    {
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git)) return Path.TrimEndingDirectorySeparator(dir.FullName);
        }
        return root;
    }

    private void Note(PendingLink link, string message) =>
        _diagnostics.Add(new Diagnostic(SourceSpan.At(_displayPrefix + link.Relative, 1, 1), message, DiagnosticSeverity.Info));

    private static bool IsSameOrInside(string path, string directory)
    {
        var dir = Path.TrimEndingDirectorySeparator(directory);
        return path.Length == dir.Length
            ? string.Equals(path, dir, StringComparison.Ordinal)
            : path.StartsWith(dir, StringComparison.Ordinal) && (path[dir.Length] == '/' || path[dir.Length] == Path.DirectorySeparatorChar || dir.EndsWith('/'));
    }

    /// <summary>"sub/dir/" for <paramref name="inner"/> below <paramref name="outer"/>, "" when they are the same.</summary>
    private static string PrefixFrom(string outer, string inner)
    {
        var relative = Path.GetRelativePath(outer, inner).Replace('\\', '/');
        return relative is "." ? "" : relative + "/";
    }

    private static string Join(string relative, string name) =>
        relative.Length == 0 ? name : relative.EndsWith('/') ? relative + name : relative + "/" + name;

    private readonly record struct PendingDirectory(string FullPath, string RealPath, string Relative, IgnoreScope Scope);

    private readonly record struct PendingLink(string FullPath, string Relative, IgnoreScope Scope);
}
