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
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
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
        KnownProblems = "Only copies with the same column name as in the referenced table are reported (`parts.session_id` copying "
            + "`messages.session_id`): a differently named column may carry a different meaning (`sender_id` is not the session owner). "
            + "Self-references are left to `cross-scope-reference`. Triggers that keep the copy in sync are not seen.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (table.ForeignKeys.Count < 2) continue;
            var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var viaFk in table.ForeignKeys)
            {
                var middleName = TableTraits.TargetName(viaFk);
                if (string.Equals(middleName, table.Name, StringComparison.OrdinalIgnoreCase)) continue;
                if (context.FindTable(middleName) is not { } middle) continue;
                foreach (var parentFk in middle.ForeignKeys)
                {
                    if (parentFk.Columns.Count != 1) continue;
                    var parentName = TableTraits.TargetName(parentFk);
                    if (string.Equals(parentName, middleName, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(parentName, table.Name, StringComparison.OrdinalIgnoreCase)) continue;
                    var copy = CopyOf(table, parentFk.Columns[0], parentName);
                    if (copy is null || viaFk.Columns.Contains(copy.Columns[0], StringComparer.OrdinalIgnoreCase)) continue;
                    if (HasCompositeFk(table, middleName, viaFk, copy.Columns[0])) continue;
                    if (!reported.Add(copy.Columns[0])) continue;
                    yield return Build(table, viaFk, copy, middle, parentName);
                }
            }
        }
    }

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

    private Finding Build(Table table, ForeignKey viaFk, ForeignKey copy, Table middle, string parentName)
    {
        var copyColumn = copy.Columns[0];
        var via = string.Join(", ", viaFk.Columns);
        var middleKey = viaFk.TargetColumns.Count > 0 ? string.Join(", ", viaFk.TargetColumns) : "id";
        var middleCopy = middle.ForeignKeys.Find(fk => fk.Columns.Count == 1 && SameName(fk.Columns[0], copyColumn))?.Columns[0] ?? copyColumn;
        return Report(TableTraits.SpanOf(table, copy),
            $"`{table.Name}.{copyColumn}` repeats `{middle.Name}.{middleCopy}` of the row `{table.Name}.{via}` points at, through a separate "
            + $"foreign key to `{parentName}`: nothing stops the two from disagreeing (a `{table.Name}` row filed under one `{parentName}` row "
            + $"while its `{middle.Name}` row belongs to another).",
            $"Add a unique constraint on `{middle.Name} ({middleKey}, {middleCopy})` and replace the two foreign keys by one composite "
            + $"foreign key `({via}, {copyColumn})` → `{middle.Name} ({middleKey}, {middleCopy})`; or drop `{table.Name}.{copyColumn}` and join through `{middle.Name}`.",
            table: table.Name, column: copyColumn,
            related: viaFk.Span.IsNone ? null : [TableTraits.SpanOf(table, viaFk)]);
    }
}
