using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Migrations;

/// <summary>One Alembic migration file: its revision id and the revisions it follows.</summary>
internal sealed record AlembicRevision(string Path, string? Revision, IReadOnlyList<string> DownRevisions, SourceSpan Span);

/// <summary>
/// Orders Alembic revisions by their <c>down_revision</c> chain (a topological order; ties by
/// path, so the result is deterministic). Several heads (and the branch points behind them),
/// unknown parents and cycles are reported; branches joined by a merge revision are not; every file is still replayed exactly once.
/// </summary>
internal static class AlembicRevisionGraph
{
    public static List<AlembicRevision> Order(IReadOnlyList<AlembicRevision> revisions, List<Diagnostic> diagnostics)
    {
        var byId = new Dictionary<string, AlembicRevision>(StringComparer.Ordinal);
        var withoutId = new List<AlembicRevision>();
        foreach (var revision in revisions.OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            if (revision.Revision is null) { withoutId.Add(revision); continue; }
            if (!byId.TryAdd(revision.Revision, revision))
                diagnostics.Add(new Diagnostic(revision.Span, $"revision `{revision.Revision}` is also declared in {byId[revision.Revision].Path}", DiagnosticSeverity.Warning));
        }
        foreach (var revision in withoutId)
            diagnostics.Add(new Diagnostic(revision.Span, "Alembic migration without a `revision` id: replayed last", DiagnosticSeverity.Warning));

        var children = byId.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        var pendingParents = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var revision in byId.Values)
        {
            var known = 0;
            foreach (var parent in revision.DownRevisions)
            {
                if (children.TryGetValue(parent, out var list)) { list.Add(revision.Revision!); known++; }
                else diagnostics.Add(new Diagnostic(revision.Span, $"down_revision `{parent}` of `{revision.Revision}` is not among the migrations", DiagnosticSeverity.Warning));
            }
            pendingParents[revision.Revision!] = known;
        }
        var heads = children.Where(c => c.Value.Count == 0).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        // Branches a merge revision joins again are ordinary team work; only unmerged ones matter.
        if (heads.Count > 1)
            foreach (var (id, list) in children)
                if (list.Count > 1)
                    diagnostics.Add(new Diagnostic(byId[id].Span, $"migration history branches at `{id}`: {string.Join(", ", list.Order(StringComparer.Ordinal).Select(c => $"`{c}`"))} all follow it", DiagnosticSeverity.Warning));
        if (heads.Count > 1)
            diagnostics.Add(new Diagnostic(byId[heads[0]].Span, $"migration history has {heads.Count} heads: {string.Join(", ", heads.Select(h => $"`{h}`"))}", DiagnosticSeverity.Warning));

        // Kahn's algorithm; the ready set is kept sorted by path.
        var ready = new SortedSet<(string Path, string Id)>(byId.Values.Where(r => pendingParents[r.Revision!] == 0).Select(r => (r.Path, r.Revision!)));
        var ordered = new List<AlembicRevision>(revisions.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            ordered.Add(byId[next.Id]);
            foreach (var child in children[next.Id])
                if (--pendingParents[child] == 0) ready.Add((byId[child].Path, child));
        }
        var cyclic = byId.Values.Where(r => pendingParents[r.Revision!] > 0).OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
        if (cyclic.Count > 0)
            diagnostics.Add(new Diagnostic(cyclic[0].Span, $"migration history has a cycle through {string.Join(", ", cyclic.Select(r => $"`{r.Revision}`"))}", DiagnosticSeverity.Warning));
        ordered.AddRange(cyclic);
        ordered.AddRange(withoutId);
        return ordered;
    }
}
