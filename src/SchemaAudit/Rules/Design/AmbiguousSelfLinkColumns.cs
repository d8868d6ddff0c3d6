using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Design;

/// <summary>
/// A link table with two foreign keys to the same table whose names do not say which end is which
/// (<c>task_id</c> + <c>depends_on_id</c>: does <c>task_id</c> depend, or is it depended on?).
/// </summary>
public sealed class AmbiguousSelfLinkColumns : Rule
{
    // Words that name one end of a directed link; a pair using them reads unambiguously.
    private static readonly FrozenSet<string> s_directionWords = new[]
    {
        "from", "to", "parent", "child", "source", "target", "src", "dst", "dest", "blocker", "blocked", "blocking", "predecessor",
        "successor", "prev", "previous", "next", "upstream", "downstream", "origin", "destination", "sender", "recipient", "receiver",
        "follower", "followee", "followed", "inviter", "invitee", "referrer", "referee", "referred", "ancestor", "descendant", "dependent",
        "dependency", "caller", "callee", "superseded", "superseding", "replaced", "replacement", "original", "duplicate",
        "requester", "approver",
    }.ToFrozenSet(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "ambiguous-self-link-columns",
        Title = "Two references to the same table with no direction in their names",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Design,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "In `task_dependencies (task_id, depends_on_id)` one column is just `task_id`: is that the task that depends, or the one it "
            + "depends on? Readers guess, some guess wrong, and the edges get inserted backwards, which for dependencies means scheduling "
            + "work before its prerequisites. Names that state each end make wrong inserts visible in review.",
        Fix = "Name both ends by their role: `dependent_task_id` + `depends_on_task_id`, `from_node_id` + `to_node_id`, `parent_id` + `child_id`, "
            + "`blocker_id` + `blocked_id`.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE tasks (id uuid PRIMARY KEY, title text NOT NULL);
            CREATE TABLE task_dependencies (
                task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                depends_on_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                PRIMARY KEY (task_id, depends_on_id)
            );
            """,
        GoodExample = """
            CREATE TABLE tasks (id uuid PRIMARY KEY, title text NOT NULL);
            CREATE TABLE task_dependencies (
                dependent_task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                depends_on_task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                PRIMARY KEY (dependent_task_id, depends_on_task_id)
            );
            """,
        KnownProblems = "Only link tables are checked (foreign keys plus at most two other columns, such as an edge type). The pair is "
            + "reported when one column is the bare target name (`task_id`, `taskId`) and neither column uses a direction word "
            + "(`from`/`to`, `parent`/`child`, `source`/`target`, `blocker`/`blocked`, `dependent`, …).",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (!TableTraits.IsLinkTable(table)) continue;
            var byTarget = new Dictionary<string, List<Column>>(StringComparer.OrdinalIgnoreCase);
            foreach (var fk in table.ForeignKeys)
            {
                if (TableTraits.SingleColumn(table, fk) is not { } column) continue;
                var target = TableTraits.TargetName(fk);
                if (!byTarget.TryGetValue(target, out var list)) byTarget[target] = list = [];
                list.Add(column);
            }
            foreach (var (target, columns) in byTarget)
            {
                if (columns.Count < 2 || columns.Exists(HasDirection)) continue;
                if (columns.Find(c => IsBare(c.Name, target)) is not { } bare) continue;
                var others = string.Join(", ", columns.Where(c => !ReferenceEquals(c, bare)).Select(c => $"`{c.Name}`"));
                yield return Report(bare.Span,
                    $"`{table.Name}.{bare.Name}` and {others} both reference `{target}`, and `{bare.Name}` does not say which end of the link "
                    + "it is: rows are easily inserted backwards.",
                    $"Rename the columns by their role (e.g. `dependent_{Singular(target)}_id` + `depends_on_{Singular(target)}_id`, `from_…`/`to_…`, "
                    + "`parent_…`/`child_…`, `source_…`/`target_…`).",
                    table: table.Name, column: bare.Name,
                    related: [.. columns.Where(c => !ReferenceEquals(c, bare)).Select(c => c.Span)]);
            }
        }
    }

    private static bool HasDirection(Column column) => NameHeuristics.AnyWordIn(column.Name, s_directionWords);

    /// <summary><c>task_id</c>/<c>taskId</c> for <c>tasks</c>, or plain <c>id</c>: the column only repeats the target's name.</summary>
    private static bool IsBare(string column, string target)
    {
        var words = NameHeuristics.Words(column).ToList();
        if (words.Count > 0 && words[^1] == "id") words.RemoveAt(words.Count - 1);
        if (words.Count == 0) return true;
        var targetWords = NameHeuristics.Words(target).ToList();
        if (targetWords.Count == 0) return false;
        targetWords[^1] = NameHeuristics.Singular(targetWords[^1]);
        return words.SequenceEqual(targetWords, StringComparer.Ordinal) || (words.Count == 1 && words[0] == targetWords[^1]);
    }

    private static string Singular(string table) => NameHeuristics.HeadNoun(table) ?? table;
}
