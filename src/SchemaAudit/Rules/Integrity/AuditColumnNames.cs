using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// Recognises audit timestamp columns (<c>created_at</c>, <c>updated_at</c> and their usual
/// spellings, snake or camel case) so the timestamp rules agree on what they look at.
/// </summary>
internal static class AuditColumnNames
{
    // Compared after lower-casing and dropping underscores: `updated_at`, `updatedAt` and `UpdatedAt` are one name.
    private static readonly HashSet<string> s_updated = new(StringComparer.Ordinal)
    {
        "updatedat", "modifiedat", "updated", "lastmodified", "updatedon", "modifiedon", "lastupdated",
        "lastmodifiedat", "lastupdatedat", "datemodified", "dateupdated",
    };

    private static readonly HashSet<string> s_created = new(StringComparer.Ordinal)
    {
        "createdat", "createdon", "created", "insertedat", "datecreated", "creationdate",
    };

    /// <summary>True for an <c>updated_at</c>-style name.</summary>
    public static bool IsUpdatedName(string name) => s_updated.Contains(Normalize(name));

    /// <summary>True for a <c>created_at</c>-style name.</summary>
    public static bool IsCreatedName(string name) => s_created.Contains(Normalize(name));

    /// <summary>True for a timestamp column whose name says it records creation or modification.</summary>
    public static bool IsAuditTimestamp(Column column) =>
        column.Type.IsTimestamp() && (IsUpdatedName(column.Name) || IsCreatedName(column.Name));

    /// <summary>True for names that say the column holds an instant (<c>*_at</c>, <c>*_time</c>, <c>timestamp</c>, <c>sentAt</c>).</summary>
    public static bool NamesAnInstant(string name) =>
        name.EndsWith("_at", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("_time", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("timestamp", StringComparison.OrdinalIgnoreCase)
        || (name.Length > 2 && name.EndsWith("At", StringComparison.Ordinal) && char.IsLower(name[^3]))
        || (name.Length > 4 && name.EndsWith("Time", StringComparison.Ordinal) && char.IsLower(name[^5]))
        || IsUpdatedName(name) || IsCreatedName(name);

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
