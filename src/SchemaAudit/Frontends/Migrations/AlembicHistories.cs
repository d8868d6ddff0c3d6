namespace SchemaAudit.Frontends.Migrations;

/// <summary>
/// Splits a project's Alembic revisions into independent histories: one per versions directory
/// (a multi-tenant app's <c>core/</c> and <c>tenant/</c>, a plugin's own <c>migrations/</c>), joined
/// again where a revision's <c>down_revision</c> lives only in another directory (Alembic's
/// <c>version_locations</c>). Histories may reuse revision ids, so each is ordered on its own;
/// they are replayed shallowest directory first, so an application's history precedes its plugins'.
/// </summary>
internal static class AlembicHistories
{
    public static List<List<AlembicRevision>> Split(IReadOnlyList<AlembicRevision> revisions)
    {
        var directories = revisions.Select(r => DirectoryOf(r.Path)).Distinct(StringComparer.Ordinal).ToList();
        var root = directories.ToDictionary(d => d, d => d, StringComparer.Ordinal);
        string Find(string d) => root[d] == d ? d : root[d] = Find(root[d]);

        var idsByDirectory = directories.ToDictionary(d => d, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var directoriesById = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var revision in revisions)
        {
            if (revision.Revision is not { } id) continue;
            var directory = DirectoryOf(revision.Path);
            idsByDirectory[directory].Add(id);
            if (!directoriesById.TryGetValue(id, out var list)) directoriesById[id] = list = [];
            if (!list.Contains(directory)) list.Add(directory);
        }
        foreach (var revision in revisions)
        {
            var directory = DirectoryOf(revision.Path);
            foreach (var parent in revision.DownRevisions)
                if (!idsByDirectory[directory].Contains(parent) && directoriesById.TryGetValue(parent, out var owners) && owners.Count == 1)
                    root[Find(owners[0])] = Find(directory);
        }

        return revisions
            .GroupBy(r => Find(DirectoryOf(r.Path)), StringComparer.Ordinal)
            .OrderBy(g => g.Min(r => Depth(r.Path)))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToList())
            .ToList();
    }

    private static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static int Depth(string path) => path.Count(c => c == '/');
}
