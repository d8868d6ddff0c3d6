namespace SchemaAudit.Cli;

/// <summary>Where the audited root sits in its version-control repository, for repository-relative SARIF paths.</summary>
internal static class RepositoryRoot
{
    /// <summary>
    /// The path from the nearest enclosing repository root (a folder holding <c>.git</c>) to
    /// <paramref name="auditedRoot"/>, with forward slashes and a trailing slash (<c>backend/</c>);
    /// empty when the audited root is the repository root or in no repository.
    /// </summary>
    public static string PrefixOf(string auditedRoot)
    {
        try
        {
            for (var dir = new DirectoryInfo(auditedRoot); dir is not null; dir = dir.Parent)
            {
                var git = Path.Combine(dir.FullName, ".git");
                if (!Directory.Exists(git) && !File.Exists(git)) continue;
                var relative = Path.GetRelativePath(dir.FullName, auditedRoot).Replace('\\', '/');
                return relative == "." ? "" : relative.TrimEnd('/') + "/";
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // Not knowing the repository is not an error: paths stay relative to the audited root.
        }
        return "";
    }
}
