using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Migrations;

/// <summary>
/// Keeps the SQL files of one dialect for the migrations view. Files in a dialect the SQL parser
/// does not read (T-SQL, ClickHouse) are set aside with one diagnostic naming the dialect and
/// the files; files of a second supported dialect (SQLite scripts next to PostgreSQL ones) are
/// set aside the same way, so two databases are never merged into one model. Files with no
/// dialect marker stay with the chosen dialect.
/// </summary>
internal static class SqlDialectPartition
{
    private const int FilesNamed = 5;

    /// <param name="preferred">The dialect already known for the view (a drizzle-kit journal), or null.</param>
    /// <param name="chosen">The dialect kept, as <see cref="Schema.Dialect"/> spells it; null when no file has a marker.</param>
    public static List<SourceFile> Select(IReadOnlyList<SourceFile> files, string? preferred, List<Diagnostic> diagnostics, out string? chosen)
    {
        var byDialect = new SortedDictionary<SqlDialect, List<(SourceFile File, string? Evidence)>>();
        foreach (var file in files)
        {
            var verdict = SqlDialectSniffer.Sniff(file.Text);
            if (!byDialect.TryGetValue(verdict.Dialect, out var list)) byDialect[verdict.Dialect] = list = [];
            list.Add((file, verdict.Evidence));
        }

        var keep = PickDialect(byDialect, preferred);
        chosen = SqlDialectSniffer.SchemaName(keep) ?? preferred;
        // A dialect named by configuration (the journal) that no file shows a marker of: the markers are the
        // weaker evidence, so no supported file is set aside.
        var trustAllSupported = preferred is not null && !byDialect.ContainsKey(keep);
        var kept = new List<SourceFile>();
        foreach (var (dialect, members) in byDialect)
        {
            if (dialect == SqlDialect.Neutral || dialect == keep || (trustAllSupported && SqlDialectSniffer.SchemaName(dialect) is not null))
            {
                kept.AddRange(members.Select(m => m.File));
                continue;
            }
            diagnostics.Add(SetAside(dialect, members, keep));
        }
        // Discovery order is path order; keep it so the replay order does not depend on the partition.
        kept.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return kept;
    }

    /// <summary>The preferred dialect when it is a supported one, else the supported dialect with the most files (ties: PostgreSQL, SQLite, MySQL).</summary>
    private static SqlDialect PickDialect(SortedDictionary<SqlDialect, List<(SourceFile, string?)>> byDialect, string? preferred)
    {
        var fromPreferred = preferred switch
        {
            "postgresql" => SqlDialect.PostgreSql,
            "sqlite" => SqlDialect.Sqlite,
            "mysql" => SqlDialect.MySql,
            _ => SqlDialect.Neutral,
        };
        if (fromPreferred != SqlDialect.Neutral) return fromPreferred;
        var best = SqlDialect.Neutral;
        var bestCount = 0;
        foreach (var dialect in (ReadOnlySpan<SqlDialect>)[SqlDialect.PostgreSql, SqlDialect.Sqlite, SqlDialect.MySql])
            if (byDialect.TryGetValue(dialect, out var members) && members.Count > bestCount)
                (best, bestCount) = (dialect, members.Count);
        return best;
    }

    private static Diagnostic SetAside(SqlDialect dialect, List<(SourceFile File, string? Evidence)> members, SqlDialect kept)
    {
        members.Sort((a, b) => string.CompareOrdinal(a.File.RelativePath, b.File.RelativePath));
        var names = string.Join(", ", members.Take(FilesNamed).Select(m => m.File.RelativePath))
            + (members.Count > FilesNamed ? $" and {members.Count - FilesNamed} more" : "");
        var evidence = members.Select(m => m.Evidence).FirstOrDefault(e => e is not null);
        var count = members.Count == 1 ? "1 SQL file is" : $"{members.Count} SQL files are";
        var first = SourceSpan.At(members[0].File.RelativePath, 1, 1);
        var display = SqlDialectSniffer.DisplayName(dialect);
        return SqlDialectSniffer.SchemaName(dialect) is null
            ? new Diagnostic(first,
                $"{count} written in {display} ({evidence}), which SchemaAudit does not read yet; skipped, and no finding is built on them: {names}",
                DiagnosticSeverity.Warning)
            : new Diagnostic(first,
                $"{count} written in {display} ({evidence}) while the rest of the project's SQL is {SqlDialectSniffer.DisplayName(kept)}: "
                + $"a second database, not merged into the migrations view; skipped: {names}",
                DiagnosticSeverity.Info);
    }
}
