using System.Collections.Frozen;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// Real soft delete, as the rules about deleted rows need it: a column that says the row was deleted (<c>deleted_at</c>,
/// <c>is_deleted</c>, <c>deleted</c>, <c>trashed_at</c>), not a status a row moves through (<c>archived</c>, <c>disabled</c>,
/// a moderator's <c>removed</c> flag): an archived row is still the row people look for, a deleted one is gone for them.
/// </summary>
internal static class SoftDeleteMarkers
{
    // Words that mark a deleted row whatever the column's type.
    private static readonly FrozenSet<string> s_deletedWords =
        new[] { "deleted", "trashed", "discarded" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The column that marks a row as deleted: a timestamp or date (<c>deleted_at</c>, <c>removed_at</c>) or a boolean
    /// (<c>is_deleted</c>, <c>deleted</c>); <c>removed</c> counts only as a timestamp (as a flag it is usually a moderation state).
    /// Null when the table has none.
    /// </summary>
    public static Column? Column(Table table)
    {
        foreach (var column in table.Columns)
        {
            if (column.IsPrimaryKey) continue;
            var isTime = column.Type.IsTimestamp() || column.Type == LogicalType.Date;
            if (!isTime && column.Type != LogicalType.Bool) continue;
            var words = NameHeuristics.Words(column.Name);
            if (words.Any(s_deletedWords.Contains) || (isTime && words.Contains("removed"))) return column;
        }
        return null;
    }
}
