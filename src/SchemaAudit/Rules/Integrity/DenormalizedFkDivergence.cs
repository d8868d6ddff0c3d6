using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// A table that references a row and, separately, that row's parent (<c>parts.message_id</c> and <c>parts.session_id</c>
/// while <c>messages.session_id</c> exists): the copy of the parent reference can disagree with the original.
/// </summary>
public sealed class DenormalizedFkDivergence : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "denormalized-fk-divergence",
        Title = "Denormalized foreign key can disagree with the row it copies",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Why = "When `parts` stores both `message_id` and `session_id`, and `messages` already stores `session_id`, the same fact is "
            + "kept twice. Two independent foreign keys only check that each value exists, not that they agree: a part can be filed "
            + "under one session while its message belongs to another, and queries by session silently return the wrong rows.",
        Fix = "Make the database enforce the agreement: add a unique constraint on the parent's `(id, session_id)` and replace the two "
            + "foreign keys by one composite foreign key `(message_id, session_id)` → `messages (id, session_id)`. Or drop the copy and join.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE sessions (id uuid PRIMARY KEY);
            CREATE TABLE messages (
                id uuid PRIMARY KEY,
                session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE
            );
            CREATE TABLE parts (
                id uuid PRIMARY KEY,
                message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
                session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE
            );
            """,
        GoodExample = """
            CREATE TABLE sessions (id uuid PRIMARY KEY);
            CREATE TABLE messages (
                id uuid PRIMARY KEY,
                session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                UNIQUE (id, session_id)
            );
            CREATE TABLE parts (
                id uuid PRIMARY KEY,
                message_id uuid NOT NULL,
                session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                FOREIGN KEY (message_id, session_id) REFERENCES messages (id, session_id) ON DELETE CASCADE
            );
            """,
        KnownProblems = "Severity: always a warning, and only when both columns play the same role: the copy has the same name as the "
            + "original (`parts.session_id` copying `messages.session_id`), the original is NOT NULL (an optional reference is an attribute "
            + "each row may set differently), and neither the path nor the copy names a person (`created_by`, `author_id`, `owner_id`, "
            + "`assignee_id`, `user_id`, a reference to a users table), a pointer to one distinguished row (`current_*`, `latest_*`, "
            + "`active_*`, `default_*`) or a vocabulary (`*_type`, `*_priority`, `language`). A composite foreign key, a CHECK naming both "
            + "columns, or an update trigger on the copy silences it. The same copy beside the same reference in several tables is one "
            + "finding; so are several copies kept by one table. Insert triggers that fill the copy are not seen; computed "
            + "`column_property` attributes are not columns and never take part.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var candidates = new List<Candidate>();
        foreach (var table in context.Schema.Tables)
        {
            if (table.ForeignKeys.Count < 2) continue;
            var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var viaFk in table.ForeignKeys)
            {
                var middleName = TableTraits.TargetName(viaFk);
                if (string.Equals(middleName, table.Name, StringComparison.OrdinalIgnoreCase)) continue;
                if (context.FindTable(middleName) is not { } middle || !IsOwningPath(table, viaFk, middle)) continue;
                foreach (var parentFk in middle.ForeignKeys)
                {
                    if (parentFk.Columns.Count != 1) continue;
                    var parentName = TableTraits.TargetName(parentFk);
                    if (string.Equals(parentName, middleName, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(parentName, table.Name, StringComparison.OrdinalIgnoreCase)) continue;
                    var copy = CopyOf(table, parentFk.Columns[0], parentName);
                    if (copy is null || viaFk.Columns.Contains(copy.Columns[0], StringComparer.OrdinalIgnoreCase)) continue;
                    if (!SameRole(middle, parentFk, copy.Columns[0], parentName)) continue;
                    if (HasCompositeFk(table, middleName, viaFk, copy.Columns[0]) || TiedByCheck(table, viaFk, copy)
                        || context.HasUpdateHook(table.Name, copy.Columns[0])) continue;
                    if (!reported.Add(copy.Columns[0])) continue;
                    candidates.Add(new Candidate(table, viaFk, copy, middle, parentName));
                }
            }
        }

        // One root cause, one finding: the same copy beside the same reference in several tables (a mixin, or a convention such as
        // `group_id` stored next to every `household_id`) is reported once; so are several copies kept by one table.
        var byCopy = new Dictionary<string, List<Candidate>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<List<Candidate>>();
        foreach (var candidate in candidates)
        {
            var key = $"{candidate.Middle.Name}|{string.Join('_', NameHeuristics.Words(candidate.Copy.Columns[0]))}|{string.Join('_', NameHeuristics.Words(string.Join('_', candidate.ViaFk.Columns)))}";
            if (!byCopy.TryGetValue(key, out var group)) { byCopy[key] = group = []; order.Add(group); }
            group.Add(candidate);
        }
        var byTable = new Dictionary<Table, List<Candidate>>();
        foreach (var group in order)
        {
            if (group.Count > 1) { yield return BuildConvention(group); continue; }
            var table = group[0].Table;
            if (!byTable.TryGetValue(table, out var own)) byTable[table] = own = [];
            own.Add(group[0]);
        }
        foreach (var own in byTable.Values)
            yield return own.Count == 1 ? Build(own[0]) : BuildTable(own);
    }

    private sealed record Candidate(Table Table, ForeignKey ViaFk, ForeignKey Copy, Table Middle, string ParentName);

    /// <summary>
    /// The path through the middle row says where the row belongs: not a pointer to one distinguished row (<c>latest_result_id</c>),
    /// not who acted (<c>creator_id</c> → a participant), not a value picked from a vocabulary (<c>case_type_id</c>).
    /// </summary>
    private static bool IsOwningPath(Table table, ForeignKey viaFk, Table middle)
    {
        if (viaFk.Columns.Count != 1) return true;
        var via = viaFk.Columns[0];
        return !ReferenceRoles.IsPointer(via) && !ReferenceRoles.IsActor(via, middle.Name) && !ReferenceRoles.IsLookup(middle.Name)
            && !string.Equals(middle.Name, table.Name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The copy means the same as the original: the middle row always has that parent (NOT NULL: an optional reference is an attribute
    /// the row may set differently), the parent is not a vocabulary (each row picks its own language or label), and neither side names
    /// a person (the author of a comment is not the author of its post).
    /// </summary>
    private static bool SameRole(Table middle, ForeignKey parentFk, string copyColumn, string parentName)
    {
        var original = parentFk.Columns[0];
        if (middle.FindColumn(original) is not { Nullable: false }) return false;
        if (ReferenceRoles.IsLookup(parentName)) return false;
        return !ReferenceRoles.IsActor(original, parentName) && !ReferenceRoles.IsActor(copyColumn, parentName);
    }

    /// <summary>A CHECK (or a trigger written as one) that names both columns is taken as keeping them in agreement.</summary>
    private static bool TiedByCheck(Table table, ForeignKey viaFk, ForeignKey copy) =>
        table.Checks.Exists(c => TableTraits.Mentions(c.Expression, copy.Columns[0]) && viaFk.Columns.TrueForAll(v => TableTraits.Mentions(c.Expression, v)));

    /// <summary>The single-column FK of <paramref name="table"/> on a column named like <paramref name="column"/> that targets the same parent.</summary>
    private static ForeignKey? CopyOf(Table table, string column, string parentName) =>
        table.ForeignKeys.Find(fk => fk.Columns.Count == 1
            && SameName(fk.Columns[0], column)
            && string.Equals(TableTraits.TargetName(fk), parentName, StringComparison.OrdinalIgnoreCase));

    /// <summary><c>session_id</c>, <c>sessionId</c> and <c>SessionID</c> are the same name.</summary>
    private static bool SameName(string a, string b) =>
        NameHeuristics.Words(a).SequenceEqual(NameHeuristics.Words(b), StringComparer.Ordinal);

    private static bool HasCompositeFk(Table table, string middleName, ForeignKey viaFk, string copyColumn) =>
        table.ForeignKeys.Exists(fk => fk.Columns.Count >= 2
            && string.Equals(TableTraits.TargetName(fk), middleName, StringComparison.OrdinalIgnoreCase)
            && fk.Columns.Contains(copyColumn, StringComparer.OrdinalIgnoreCase)
            && viaFk.Columns.TrueForAll(c => fk.Columns.Contains(c, StringComparer.OrdinalIgnoreCase)));

    private Finding Build(Candidate candidate)
    {
        var (table, viaFk, copy, middle, parentName) = candidate;
        var copyColumn = copy.Columns[0];
        var via = string.Join(", ", viaFk.Columns);
        return Report(TableTraits.SpanOf(table, copy),
            $"`{table.Name}.{copyColumn}` repeats `{middle.Name}.{Original(candidate)}` of the row `{table.Name}.{via}` points at, through a separate "
            + $"foreign key to `{parentName}`: nothing stops the two from disagreeing (a `{table.Name}` row filed under one `{parentName}` row "
            + $"while its `{middle.Name}` row belongs to another).",
            $"Add a unique constraint on `{middle.Name} ({MiddleKey(candidate)}, {Original(candidate)})` and replace the two foreign keys by one composite "
            + $"foreign key {Composite(candidate)}; or drop `{table.Name}.{copyColumn}` and join through `{middle.Name}`.",
            table: table.Name, column: copyColumn,
            related: viaFk.Span.IsNone ? null : [TableTraits.SpanOf(table, viaFk)]);
    }

    /// <summary>The same copy beside the same reference in several tables: one habit, one finding at the first, naming the others.</summary>
    private Finding BuildConvention(List<Candidate> group)
    {
        var first = group[0];
        var copyColumn = first.Copy.Columns[0];
        var via = string.Join(", ", first.ViaFk.Columns);
        var tables = group.Select(c => c.Table).Distinct().ToList();
        const int shown = 4;
        var names = string.Join(", ", tables.Take(shown).Select(t => $"`{t.Name}`")) + (tables.Count > shown ? $" and {tables.Count - shown} more" : "");
        return Report(TableTraits.SpanOf(first.Table, first.Copy),
            $"`{copyColumn}` is stored beside `{via}` in {tables.Count} tables ({names}), repeating `{first.Middle.Name}.{Original(first)}` through a "
            + $"separate foreign key to `{first.ParentName}`: nothing stops a row from being filed under one `{first.ParentName}` row while its "
            + $"`{first.Middle.Name}` row belongs to another.",
            $"Add a unique constraint on `{first.Middle.Name} ({MiddleKey(first)}, {Original(first)})` and make each pair one composite foreign key "
            + $"{Composite(first)}; or drop the copies and join through `{first.Middle.Name}`.",
            table: first.Table.Name, column: copyColumn,
            related: [.. group.Skip(1).Select(c => TableTraits.SpanOf(c.Table, c.Copy)).Where(s => !s.IsNone).Distinct()]);
    }

    /// <summary>One table that copies several facts of the rows it points at (a combined view kept as a table).</summary>
    private Finding BuildTable(List<Candidate> own)
    {
        var table = own[0].Table;
        var copies = string.Join(", ", own.Select(c => $"`{c.Copy.Columns[0]}` (of `{c.Middle.Name}` via `{string.Join(", ", c.ViaFk.Columns)}`)"));
        var composites = string.Join(", ", own.Select(Composite));
        return Report(TableTraits.SpanOf(table, own[0].Copy),
            $"`{table.Name}` repeats facts of the rows it points at, each through a separate foreign key: {copies}. Nothing stops a copy from "
            + "disagreeing with the row it was taken from.",
            $"Add a unique constraint on each referenced table's `(id, <copied column>)` and replace each pair by one composite foreign key "
            + $"({composites}); or drop the copies and join.",
            table: table.Name,
            related: [.. own.Skip(1).Select(c => TableTraits.SpanOf(table, c.Copy)).Where(s => !s.IsNone)]);
    }

    private static string MiddleKey(Candidate c) => c.ViaFk.TargetColumns.Count > 0 ? string.Join(", ", c.ViaFk.TargetColumns) : "id";

    /// <summary>The column of the middle table that the copy repeats (<c>messages.session_id</c>).</summary>
    private static string Original(Candidate c) =>
        c.Middle.ForeignKeys.Find(fk => fk.Columns.Count == 1 && SameName(fk.Columns[0], c.Copy.Columns[0]))?.Columns[0] ?? c.Copy.Columns[0];

    private static string Composite(Candidate c) =>
        $"`({string.Join(", ", c.ViaFk.Columns)}, {c.Copy.Columns[0]})` → `{c.Middle.Name} ({MiddleKey(c)}, {Original(c)})`";
}
