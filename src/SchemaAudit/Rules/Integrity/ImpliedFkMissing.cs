using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// A column whose name says it references another table (<c>role_name</c>, <c>workspaceId</c>, <c>task_id</c>) while no
/// foreign key backs it: typos and deleted targets leave dangling references that nothing reports.
/// </summary>
public sealed class ImpliedFkMissing : Rule
{
    // Last words of a reference by natural key: `role_name` → roles.name (only when that column is unique there).
    private static readonly FrozenSet<string> s_naturalKeyWords =
        new[] { "name", "slug", "code" }.ToFrozenSet(StringComparer.Ordinal);

    // Qualifiers that keep the referenced table: `parent_session_id` → sessions, `owner_account_id` → accounts.
    private static readonly FrozenSet<string> s_roleQualifiers = new[]
    {
        "parent", "child", "owner", "creator", "author", "source", "target", "origin", "destination", "from", "to", "root", "previous",
        "prev", "next", "original", "default", "current", "last", "primary", "assigned", "depends", "on", "blocked", "blocking", "by",
        "created", "updated", "deleted", "rotated", "replaced", "superseded", "related", "linked",
    }.ToFrozenSet(StringComparer.Ordinal);

    // `orgId` names the organizations table.
    private static readonly FrozenDictionary<string, string> s_aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["org"] = "organization", ["acct"] = "account",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "implied-fk-missing",
        Title = "Column names a reference but has no foreign key",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "A column called `role_name` or `workspace_id` next to a `roles` or `workspaces` table is read by everyone as a reference. "
            + "Without a foreign key the database accepts typos and ids of rows that never existed, and deleting the target leaves "
            + "dangling values behind; joins then silently drop rows and nobody is told.",
        Fix = "Add the foreign key with an explicit ON DELETE (`REFERENCES roles (name) ON DELETE SET NULL`), or, if the omission is deliberate "
            + "(the value may name something outside the database), say so in a column comment.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE roles (
                id uuid PRIMARY KEY,
                name text NOT NULL UNIQUE
            );
            CREATE TABLE sessions (
                id uuid PRIMARY KEY,
                role_name text
            );
            """,
        GoodExample = """
            CREATE TABLE roles (
                id uuid PRIMARY KEY,
                name text NOT NULL UNIQUE
            );
            CREATE TABLE sessions (
                id uuid PRIMARY KEY,
                role_name text REFERENCES roles (name) ON DELETE SET NULL
            );
            """,
        KnownProblems = "A reference is recognised as `<table>_id`/`<singular>Id` (also with a qualifier such as `parent_` or `owner_`) naming "
            + "a table with a single-column primary key, or `<singular>_name`/`_slug`/`_code` naming a table where that column is unique. "
            + "Ids from other systems (`external_user_id`, `stripe_customer_id`) are not matched. Tables without any foreign key that look like "
            + "audit, event or log tables are skipped: they often keep ids on purpose so that history survives deletes. A column whose comment "
            + "says why it has no foreign key is skipped.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var tablesByNoun = TablesByNoun(context.Schema);
        foreach (var table in context.Schema.Tables)
        {
            if (table.ForeignKeys.Count == 0 && TableTraits.IsAppendOnly(table)) continue;
            HashSet<string>? fkColumns = null;
            foreach (var column in table.Columns)
            {
                if (IsOwnKey(table, column) || column.Type.IsJson() || column.Type is LogicalType.Array or LogicalType.Bool) continue;
                if (Implied(column.Name, tablesByNoun) is not { } implied) continue;
                fkColumns ??= TableTraits.ForeignKeyColumns(table);
                if (fkColumns.Contains(column.Name) || ExplainsOmission(column)) continue;
                if (!Compatible(column, implied.TargetColumn)) continue;
                var target = $"{implied.Target.Name}.{implied.TargetColumn.Name}";
                var fix = FixSyntax.For(context, column.Span);
                var fk = new ForeignKey { TargetTable = implied.Target.Name, Columns = { column.Name }, TargetColumns = { implied.TargetColumn.Name } };
                var reference = fix.Pick(
                    $"ForeignKey(\"{target}\")",
                    fix.ForeignKeyAsWritten(fk),
                    $"REFERENCES {implied.Target.Name} ({implied.TargetColumn.Name})");
                yield return Report(column.Span,
                    $"`{table.Name}.{column.Name}` names a `{implied.Target.Name}` row (`{target}`) but has no foreign key: typos and deleted "
                    + $"`{implied.Target.Name}` rows leave dangling values that nothing reports.",
                    $"Add `{reference}` with an explicit {fix.Pick("`ondelete`", "`onDelete`", "ON DELETE")} (e.g. {fix.Pick("\"SET NULL\"", "\"set null\"", "SET NULL")}), or document "
                    + "in a column comment why there is no foreign key.",
                    table: table.Name, column: column.Name,
                    after: fix.AddForeignKey(table, fk, "SET NULL"));
            }
        }
    }

    /// <summary>The table's own single-column key (<c>items.item_id</c>); a column of a composite key may still be a reference.</summary>
    private static bool IsOwnKey(Table table, Column column) =>
        table.PrimaryKey is { Columns.Count: 1 } key ? string.Equals(key.Columns[0], column.Name, StringComparison.OrdinalIgnoreCase)
        : column.IsPrimaryKey && table.PrimaryKey is null;

    /// <summary>Tables by the singular of their name's words (<c>task_dependencies</c> → <c>task_dependency</c>), built once.</summary>
    private static Dictionary<string, Table> TablesByNoun(Schema schema)
    {
        var result = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var table in schema.Tables)
        {
            var words = NameHeuristics.Words(table.Name).ToList();
            if (words.Count == 0) continue;
            words[^1] = NameHeuristics.Singular(words[^1]);
            result.TryAdd(string.Join('_', words), table);
        }
        return result;
    }

    private readonly record struct ImpliedReference(Table Target, Column TargetColumn);

    private static ImpliedReference? Implied(string columnName, Dictionary<string, Table> tablesByNoun)
    {
        var words = NameHeuristics.Words(columnName);
        if (words.Count < 2) return null;
        var last = words[^1];
        var isId = last == "id";
        if (!isId && !s_naturalKeyWords.Contains(last)) return null;
        var noun = words.Take(words.Count - 1).ToList();

        var target = Lookup(noun, tablesByNoun);
        // `parent_session_id` → sessions: drop qualifiers that only say which end of the reference this is.
        if (target is null && isId && noun.Count > 1 && noun.Take(noun.Count - 1).All(s_roleQualifiers.Contains))
            target = Lookup([noun[^1]], tablesByNoun);
        if (target is null) return null;

        var targetColumn = isId ? SingleKey(target) : UniqueColumn(target, last);
        return targetColumn is null ? null : new ImpliedReference(target, targetColumn);
    }

    private static Table? Lookup(List<string> noun, Dictionary<string, Table> tablesByNoun)
    {
        var words = noun.ToList();
        words[^1] = NameHeuristics.Singular(s_aliases.GetValueOrDefault(words[^1], words[^1]));
        return tablesByNoun.GetValueOrDefault(string.Join('_', words));
    }

    private static Column? SingleKey(Table table) =>
        table.PrimaryKey is { Columns.Count: 1 } key ? table.FindColumn(key.Columns[0]) : null;

    /// <summary>The column <paramref name="name"/> of <paramref name="table"/> when it is unique on its own (a foreign key can point at it).</summary>
    private static Column? UniqueColumn(Table table, string name)
    {
        if (table.FindColumn(name) is not { } column) return null;
        if (table.PrimaryKey is { Columns.Count: 1 } key && string.Equals(key.Columns[0], column.Name, StringComparison.OrdinalIgnoreCase)) return column;
        if (table.UniqueConstraints.Exists(u => u.Columns.Count == 1 && string.Equals(u.Columns[0], column.Name, StringComparison.OrdinalIgnoreCase))) return column;
        if (table.Indexes.Exists(i => i.IsUnique && i.Where is null && i.Columns.Count == 1 && string.Equals(i.Columns[0], column.Name, StringComparison.OrdinalIgnoreCase)))
            return column;
        return null;
    }

    /// <summary>Both sides must be able to hold the same values (an integer never references a UUID key).</summary>
    private static bool Compatible(Column column, Column target)
    {
        if (column.Type == LogicalType.Unknown || target.Type == LogicalType.Unknown) return true;
        if (column.Type.IsInteger() && target.Type.IsInteger()) return true;
        if (column.Type is LogicalType.Text or LogicalType.Uuid && target.Type is LogicalType.Text or LogicalType.Uuid) return true;
        return column.Type == target.Type;
    }

    private static bool ExplainsOmission(Column column)
    {
        var text = $"{column.Comment} {column.Doc}";
        return text.Contains("foreign key", StringComparison.OrdinalIgnoreCase)
            || text.Contains("no fk", StringComparison.OrdinalIgnoreCase)
            || text.Contains("not a reference", StringComparison.OrdinalIgnoreCase)
            || text.Contains("intentionally", StringComparison.OrdinalIgnoreCase);
    }
}
