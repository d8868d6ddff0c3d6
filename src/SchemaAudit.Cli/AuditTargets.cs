using SchemaAudit.Configuration;
using SchemaAudit.Frontends.Live;

namespace SchemaAudit.Cli;

/// <summary>
/// The paths given on the command line, checked and made absolute, with the directory that
/// findings' paths are relative to (<see cref="Root"/>) and how that root is shown in reports.
/// </summary>
internal sealed record AuditTargets(IReadOnlyList<string> FullPaths, string Root, string DisplayRoot)
{
    /// <exception cref="AuditInputException">A path does not exist or cannot be read.</exception>
    public static AuditTargets Resolve(IReadOnlyList<string>? paths, CliContext context)
    {
        if (paths is null || paths.Count == 0) paths = ["."];
        var full = new List<string>();
        foreach (var path in paths)
        {
            var absolute = Path.TrimEndingDirectorySeparator(context.FullPath(path));
            if (!File.Exists(absolute) && !Directory.Exists(absolute))
            {
                if (DatabaseTarget.LooksLikeDatabase(path))
                    throw new AuditInputException($"`{SecretRedactor.Redact(path)}` is a database, not a path: give it with --db "
                        + "(or in the SCHEMA_AUDIT_DB environment variable, which keeps the password out of the shell history)");
                throw new AuditInputException($"{SecretRedactor.Redact(path)}: no such file or directory");
            }
            if (Unreadable(absolute) is { } reason)
                throw new AuditInputException($"{path}: cannot read it: {reason}");
            full.Add(absolute);
        }
        full = WithoutNested(full);

        if (full.Count == 1)
        {
            var only = full[0];
            var root = Directory.Exists(only) ? only : Path.GetDirectoryName(only) ?? only;
            var typed = paths.Count == 1 ? paths[0].Replace('\\', '/') : context.Display(only);
            return new AuditTargets(full, root, typed.Length > 1 ? typed.TrimEnd('/') : typed);
        }
        var common = CommonDirectory(full);
        var display = context.Display(common);
        return new AuditTargets(full, common, display.Length == 0 ? "." : display);
    }

    /// <summary>Why a directory named on the command line cannot be listed, or null (a file that cannot be read is found when it is read).</summary>
    private static string? Unreadable(string path)
    {
        if (!Directory.Exists(path)) return null;
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(path).GetEnumerator();
            entries.MoveNext();
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    /// <summary>Drops duplicates and paths inside another given path, so no file is read twice.</summary>
    private static List<string> WithoutNested(List<string> paths)
    {
        var sorted = paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var kept = new List<string>();
        foreach (var path in sorted)
        {
            if (!kept.Exists(k => path.StartsWith(k + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                kept.Add(path);
        }
        // Keep the order the user gave.
        return [.. paths.Distinct(StringComparer.Ordinal).Where(kept.Contains)];
    }

    private static string CommonDirectory(List<string> paths)
    {
        var directories = paths.Select(p => Directory.Exists(p) ? p : Path.GetDirectoryName(p) ?? p).ToList();
        var common = directories[0];
        foreach (var directory in directories.Skip(1))
        {
            while (!(directory == common || directory.StartsWith(common.EndsWith(Path.DirectorySeparatorChar) ? common : common + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                common = Path.GetDirectoryName(common) ?? common;
        }
        return common;
    }
}
