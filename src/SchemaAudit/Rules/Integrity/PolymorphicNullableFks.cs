using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// A table whose rows point at one of several parents through nullable foreign keys (a polymorphic or "exclusive arc"
/// association), with no CHECK saying which combinations are valid: every combination, including none, is accepted.
/// </summary>
public sealed class PolymorphicNullableFks : Rule
{
    // A column that says which kind of row this is: the shapes of the row depend on it.
    private static readonly FrozenSet<string> s_discriminatorWords =
        new[] { "type", "kind", "discriminator" }.ToFrozenSet(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "polymorphic-nullable-fks",
        Title = "Nullable foreign keys with no rule on which combinations are valid",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "A table that maps a session to a spoke, or to a task, or to a parent session, through several nullable foreign keys stores "
            + "several kinds of rows in one shape. Without a CHECK the database accepts every combination: no target at all, all of them, "
            + "or pairs that mean nothing. Each reader then has to guess which columns are set, and bad rows accumulate silently.",
        Fix = "State the valid shapes in a CHECK constraint, e.g. `CHECK (num_nonnulls(spoke_id, task_id, parent_session_id) = 1)`, or "
            + "`CHECK ((kind = 'task') = (task_id IS NOT NULL))` with a discriminator column; or split the table into one table per relationship.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE sessions (id uuid PRIMARY KEY);
            CREATE TABLE spokes (id uuid PRIMARY KEY);
            CREATE TABLE tasks (id uuid PRIMARY KEY);
            CREATE TABLE mappings (
                id uuid PRIMARY KEY,
                session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                spoke_id uuid REFERENCES spokes (id) ON DELETE SET NULL,
                task_id uuid REFERENCES tasks (id) ON DELETE SET NULL,
                status text NOT NULL
            );
            """,
        GoodExample = """
            CREATE TABLE sessions (id uuid PRIMARY KEY);
            CREATE TABLE spokes (id uuid PRIMARY KEY);
            CREATE TABLE tasks (id uuid PRIMARY KEY);
            CREATE TABLE mappings (
                id uuid PRIMARY KEY,
                session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                spoke_id uuid REFERENCES spokes (id) ON DELETE SET NULL,
                task_id uuid REFERENCES tasks (id) ON DELETE SET NULL,
                status text NOT NULL,
                CONSTRAINT mappings_one_target CHECK (num_nonnulls(spoke_id, task_id) = 1)
            );
            """,
        KnownProblems = "Only tables shaped like an association are considered: at least two nullable foreign keys to different tables, and "
            + "either a `type`/`kind` discriminator column or nullable foreign keys making up at least half of the content columns. Ordinary "
            + "tables with independent optional references (`assignee_id`, `milestone_id`) are not reported, nor are references that form a hierarchy "
            + "(`workspace_id` beside `page_id` when `page` references `workspace`), self-references (`reply_to_id`, `parent_id`), references that a primary key or unique constraint combines, "
            + "or link tables named after their ends (`private_location_to_monitor`): there both references are meant to be set, and making them "
            + "NOT NULL is the fix, not a CHECK. A CHECK that names at least two of "
            + "the columns counts as restricting the combinations; its logic is not verified.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (table.ForeignKeys.Count < 2) continue;
            var nullable = Alternatives(context, table, NullableForeignKeys(table));
            if (nullable.Count < 2 || IdentifiedTogether(table, nullable) || NamesItsEnds(table, nullable)) continue;
            var targets = new HashSet<string>(nullable.Select(fk => TableTraits.TargetName(fk)), StringComparer.OrdinalIgnoreCase);
            if (targets.Count < 2 || !LooksPolymorphic(table, nullable) || IsRestricted(table, nullable)) continue;

            var columns = string.Join(", ", nullable.Select(fk => $"`{string.Join(", ", fk.Columns)}`"));
            var plain = string.Join(", ", nullable.Select(fk => string.Join(", ", fk.Columns)));
            yield return Report(table.Span,
                $"`{table.Name}` has {nullable.Count} nullable foreign keys ({columns}) and no CHECK constraint on which combinations are "
                + "valid: a row may reference none of them, all of them, or a combination that means nothing.",
                $"Add a CHECK stating the valid shapes, e.g. `CHECK (num_nonnulls({plain}) = 1)` (PostgreSQL) or explicit `IS NULL` "
                + "combinations per kind of row; or split the table into one table per relationship.",
                table: table.Name,
                after: $"CONSTRAINT {table.Name}_one_target CHECK (num_nonnulls({plain}) = 1)");
        }
    }

    /// <summary>Foreign keys whose columns are all nullable (the row may omit the reference).</summary>
    private static List<ForeignKey> NullableForeignKeys(Table table) =>
        table.ForeignKeys.FindAll(fk => fk.Columns.Count > 0
            && fk.Columns.TrueForAll(c => table.FindColumn(c) is { Nullable: true, IsPrimaryKey: false }));

    /// <summary>
    /// The references that can be alternatives. A self-reference (<c>reply_to_id</c>, <c>parent_id</c>) is a tree edge beside
    /// whatever else the row points at, not one of the choices; and a target that another target itself references is its
    /// parent (<c>workspace_id</c> beside <c>page_id</c> where <c>page.workspace_id</c> exists): a hierarchy, not a choice.
    /// </summary>
    private static List<ForeignKey> Alternatives(RuleContext context, Table table, List<ForeignKey> nullable)
    {
        bool IsSelf(string name) => string.Equals(name, table.Name, StringComparison.OrdinalIgnoreCase);
        var outward = nullable.FindAll(fk => !IsSelf(TableTraits.TargetName(fk)));
        var parents = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fk in outward)
            if (context.FindTable(fk.TargetTable) is { } target)
                foreach (var up in target.ForeignKeys)
                    if (!string.Equals(TableTraits.TargetName(up), target.Name, StringComparison.OrdinalIgnoreCase)) parents.Add(TableTraits.TargetName(up));
        return outward.FindAll(fk => !parents.Contains(TableTraits.TargetName(fk)));
    }

    /// <summary>A primary key or unique constraint over two of the references: together they identify a row, so both are meant to be set.</summary>
    private static bool IdentifiedTogether(Table table, List<ForeignKey> nullable)
    {
        var columns = new HashSet<string>(nullable.SelectMany(fk => fk.Columns), StringComparer.OrdinalIgnoreCase);
        bool CoversTwo(IEnumerable<string> key) => key.Count(columns.Contains) >= 2;
        return (table.PrimaryKey is { } pk && CoversTwo(pk.Columns))
            || table.UniqueConstraints.Exists(u => CoversTwo(u.Columns))
            || table.Indexes.Exists(i => i.IsUnique && i.Where is null && CoversTwo(i.Columns));
    }

    /// <summary>A link table named after its ends (<c>private_location_to_monitor</c>) joins them; it does not choose between them.</summary>
    private static bool NamesItsEnds(Table table, List<ForeignKey> nullable)
    {
        var words = NameHeuristics.Words(table.Name).Select(NameHeuristics.Singular).ToHashSet(StringComparer.Ordinal);
        return nullable.TrueForAll(fk => NameHeuristics.Words(TableTraits.TargetName(fk)).All(w => words.Contains(NameHeuristics.Singular(w))));
    }

    /// <summary>An association shape: a discriminator column, or nullable references dominating the content.</summary>
    private static bool LooksPolymorphic(Table table, List<ForeignKey> nullable)
    {
        var nullableColumns = new HashSet<string>(nullable.SelectMany(fk => fk.Columns), StringComparer.OrdinalIgnoreCase);
        var fkColumns = TableTraits.ForeignKeyColumns(table);
        var content = TableTraits.ContentColumns(table);
        foreach (var column in content)
        {
            if (fkColumns.Contains(column.Name)) continue;
            var words = NameHeuristics.Words(column.Name);
            if (words.Count > 0 && s_discriminatorWords.Contains(words[^1])) return true;
        }
        return content.Count > 0 && nullableColumns.Count * 2 >= content.Count;
    }

    /// <summary>A CHECK naming two or more of the nullable FK columns is taken as a rule on the combinations.</summary>
    private static bool IsRestricted(Table table, List<ForeignKey> nullable)
    {
        var columns = nullable.SelectMany(fk => fk.Columns).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var check in table.Checks)
        {
            var mentioned = 0;
            foreach (var column in columns)
                if (TableTraits.Mentions(check.Expression, column) && ++mentioned >= 2) return true;
        }
        return false;
    }
}
