using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Performance;

/// <summary>
/// A random (version 4) UUID primary key on a table that grows in time order (messages, events, logs, parts): every insert
/// lands on a random page of the primary-key index instead of its right edge.
/// </summary>
public sealed class RandomUuidTimeOrdered : Rule
{
    // Defaults that generate random UUIDs, as the front-ends record them (server or client side).
    private static readonly string[] s_randomGenerators =
    [
        "gen_random_uuid", "uuid_generate_v4", "uuid4", "randomuuid", "defaultrandom", "uuidv4", "newid()", "random_uuid", "uuid.v4", "v4()",
    ];

    // Head nouns of tables written in time order besides logs and events: conversation content, notifications.
    private static readonly FrozenSet<string> s_timeOrderedNouns = new[]
    {
        "message", "part", "notification", "comment", "reply", "chunk", "step", "span", "transaction", "entry", "record", "revision",
    }.ToFrozenSet(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "random-uuid-time-ordered",
        Title = "Random UUID primary key on a time-ordered table",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Performance,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "Rows of messages, events and logs are inserted in time order and read back in time order. A random UUIDv4 key scatters "
            + "consecutive inserts across the whole primary-key index: each insert dirties a random page, the index bloats with half-empty "
            + "pages, the cache hit rate falls as the table grows, and the key cannot be used to page through rows in creation order.",
        Fix = "Use a time-ordered identifier: UUIDv7 (`uuidv7()` in PostgreSQL 18, `uuid_utils.uuid7`, the `uuidv7` npm package), a ULID, "
            + "or a `bigint` identity column; keep the UUID type if other systems expect it.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE messages (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                body text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """,
        GoodExample = """
            CREATE TABLE messages (
                id uuid PRIMARY KEY DEFAULT uuidv7(),
                body text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """,
        KnownProblems = "The table is judged time-ordered from its name: logs, events, audit trails, messages, parts, notifications, "
            + "comments, … Only defaults that visibly generate random UUIDs are reported (`gen_random_uuid()`, `uuid_generate_v4()`, "
            + "`uuid.uuid4`, Drizzle `defaultRandom()`, `crypto.randomUUID()`); keys assigned by application code elsewhere are not seen.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (table.PrimaryKey is not { Columns.Count: 1 } key || table.FindColumn(key.Columns[0]) is not { } column) continue;
            if (column.Type is not (LogicalType.Uuid or LogicalType.Text)) continue;
            if (RandomDefault(column) is not { } generator || !IsTimeOrdered(table)) continue;
            yield return Report(column.Span,
                $"Primary key `{table.Name}.{column.Name}` is a random UUID (`{generator}`) on a table written in time order: inserts land on "
                + "random pages of the primary-key index, which bloats and falls out of cache as the table grows.",
                $"Generate a time-ordered key for `{table.Name}` (UUIDv7 or ULID), or use a `bigint` identity; existing ids can stay as they are.",
                table: table.Name, column: column.Name);
        }
    }

    /// <summary>The random generator written as the column's default (server or client side), or null.</summary>
    private static string? RandomDefault(Column column)
    {
        foreach (var written in new[] { column.ServerDefault?.Expression, column.ClientDefault })
        {
            if (written is null) continue;
            var compact = written.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
            foreach (var generator in s_randomGenerators)
                if (compact.Contains(generator.Replace("_", "", StringComparison.Ordinal), StringComparison.Ordinal)) return written.Trim();
        }
        return null;
    }

    private static bool IsTimeOrdered(Table table)
    {
        if (TableTraits.IsAppendOnly(table)) return true;
        return NameHeuristics.HeadNoun(table.Name) is { } noun && s_timeOrderedNouns.Contains(noun);
    }
}
