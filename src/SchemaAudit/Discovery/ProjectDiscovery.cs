using System.Text;
using SchemaAudit.Configuration;
using SchemaAudit.Model;

namespace SchemaAudit.Discovery;

/// <summary>Finds the files under the audited paths that the front-ends may read.</summary>
public static class ProjectDiscovery
{
    public const long MaxFileBytes = 2 * 1024 * 1024;

    private static readonly HashSet<string> s_skippedDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", ".hg", ".svn", "node_modules", "bin", "obj", "__pycache__", ".venv", "venv", "env", ".env",
        "site-packages", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", ".idea", ".vs",
    };

    private static readonly HashSet<string> s_extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".py", ".ts", ".mts", ".cts", ".js", ".mjs", ".cs", ".sql", ".json", ".yml", ".yaml", ".toml", ".ini", ".cfg", ".env",
    };

    /// <summary>
    /// Discovers files under <paramref name="root"/> (a directory or a single file).
    /// Relative paths in the result are relative to <paramref name="displayRoot"/>.
    /// </summary>
    public static IReadOnlyList<SourceFile> Discover(string root, string displayRoot, AuditConfig config, List<Diagnostic> diagnostics)
    {
        var files = new List<SourceFile>();
        if (File.Exists(root))
        {
            TryRead(root, displayRoot, files, diagnostics);
            return files;
        }
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(entry);
                if (info.LinkTarget is not null) continue; // never follow links
                if (Directory.Exists(entry))
                {
                    if (!s_skippedDirectories.Contains(Path.GetFileName(entry))) pending.Push(entry);
                }
                else if (s_extensions.Contains(Path.GetExtension(entry)))
                {
                    TryRead(entry, displayRoot, files, diagnostics);
                }
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    private static void TryRead(string path, string displayRoot, List<SourceFile> files, List<Diagnostic> diagnostics)
    {
        var relative = Path.GetRelativePath(displayRoot, path).Replace('\\', '/');
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            diagnostics.Add(new Diagnostic(SourceSpan.At(relative, 0, 0), $"skipped: file is {length / 1024} KiB, over the {MaxFileBytes / 1024} KiB limit", DiagnosticSeverity.Warning));
            return;
        }
        var bytes = File.ReadAllBytes(path);
        files.Add(new SourceFile(path, relative, Decode(bytes)));
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 (with or without BOM), falling back to Latin-1 so no byte is lost.</summary>
    public static string Decode(byte[] bytes)
    {
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return s_strictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
