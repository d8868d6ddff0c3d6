using System.Collections.Frozen;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// What part a reference plays in its row, judged from its name and its target, for the rules that compare two references
/// (<c>denormalized-fk-divergence</c>, <c>polymorphic-nullable-fks</c>): who did something (an actor), which row is
/// current (a pointer), which value of a small vocabulary applies (a lookup), or which row the row belongs to.
/// </summary>
internal static class ReferenceRoles
{
    // Words of a column that name who acted on the row (`created_by`, `author_id`, `assignee_id`, `user_id`).
    private static readonly FrozenSet<string> s_actorWords = new[]
    {
        "user", "person", "creator", "author", "owner", "assignee", "assigner", "reporter", "recipient", "resolver", "sender",
        "receiver", "reviewer", "approver", "requester", "submitter", "uploader", "inviter", "invitee", "editor", "moderator",
        "admin", "actor", "commenter", "participant", "by",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Head nouns of tables whose rows are people or accounts of people.
    private static readonly FrozenSet<string> s_actorTables = new[]
    {
        "user", "person", "people", "member", "participant", "individual", "profile", "identity", "contact",
    }.ToFrozenSet(StringComparer.Ordinal);

    // First words of a reference to one distinguished row among many (`current_version_id`, `latest_query_data_id`).
    private static readonly FrozenSet<string> s_pointerWords = new[]
    {
        "current", "latest", "last", "active", "default", "primary", "pinned", "featured", "selected", "preferred", "main", "first",
        "previous", "prev", "next", "template",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Head nouns of tables that hold a small vocabulary a row picks from: each row picks its own value.
    private static readonly FrozenSet<string> s_lookupNouns = new[]
    {
        "type", "kind", "category", "priority", "severity", "status", "state", "level", "language", "locale", "label", "tag", "currency",
        "country", "timezone", "tier", "color", "icon", "format", "unit",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// True when the reference names who acted (<c>creator_id</c>, <c>created_by</c>, <c>assignee_id</c>, <c>user_id</c>) or points at a
    /// table of people: two such references on related rows are usually different people, not a copy.
    /// </summary>
    public static bool IsActor(string column, string targetTable)
    {
        foreach (var word in NameHeuristics.Words(column))
            if (s_actorWords.Contains(word)) return true;
        return NameHeuristics.HeadNoun(targetTable) is { } noun && s_actorTables.Contains(noun);
    }

    /// <summary>True for a reference to one distinguished row among many (<c>current_version_id</c>, <c>latest_*</c>, <c>default_*</c>).</summary>
    public static bool IsPointer(string column)
    {
        var words = NameHeuristics.Words(column);
        return words.Count > 1 && s_pointerWords.Contains(words[0]);
    }

    /// <summary>True when the table is a vocabulary rows pick from (<c>case_type</c>, <c>incident_priority</c>, <c>language</c>).</summary>
    public static bool IsLookup(string tableName) =>
        NameHeuristics.HeadNoun(tableName) is { } noun && s_lookupNouns.Contains(noun);
}
