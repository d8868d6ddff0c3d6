using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// A link between two rows of a table that is scoped by a tenant or project column (<c>tasks.project_id</c>), made by
/// foreign keys that do not include that column: nothing stops a link from crossing tenants or projects.
/// </summary>
public sealed class CrossScopeReference : Rule
{
    // The first word of a scope column `<word>_id`: the container that partitions the rows.
    private static readonly FrozenSet<string> s_scopeWords = new[]
    {
        "project", "org", "organization", "organisation", "tenant", "workspace", "team", "company",
    }.ToFrozenSet(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "cross-scope-reference",
        Title = "Link between scoped rows does not include the scope",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.Medium),
        Why = "When every task belongs to a project, a dependency between two tasks, or a parent task, must belong to the same project. "
            + "Foreign keys on the bare ids only check that the other row exists: a bug, a race or a hand-written SQL statement can link "
            + "rows of two projects or two tenants, which leaks data across the boundary and breaks every per-project query.",
        Fix = "Make the scope part of the reference: add a unique constraint on the target's `(id, project_id)` and use composite foreign keys "
            + "`(task_id, project_id)` and `(depends_on_id, project_id)` → `tasks (id, project_id)`, with `project_id` stored on the link row.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE projects (id uuid PRIMARY KEY);
            CREATE TABLE tasks (
                id uuid PRIMARY KEY,
                project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE
            );
            CREATE TABLE task_dependencies (
                task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                depends_on_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                PRIMARY KEY (task_id, depends_on_id)
            );
            """,
        GoodExample = """
            CREATE TABLE projects (id uuid PRIMARY KEY);
            CREATE TABLE tasks (
                id uuid PRIMARY KEY,
                project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                UNIQUE (id, project_id)
            );
            CREATE TABLE task_dependencies (
                project_id uuid NOT NULL,
                task_id uuid NOT NULL,
                depends_on_id uuid NOT NULL,
                PRIMARY KEY (task_id, depends_on_id),
                FOREIGN KEY (task_id, project_id) REFERENCES tasks (id, project_id) ON DELETE CASCADE,
                FOREIGN KEY (depends_on_id, project_id) REFERENCES tasks (id, project_id) ON DELETE CASCADE
            );
            """,
        KnownProblems = "Scope columns are recognised by name (`project_id`, `org_id`, `organization_id`, `tenant_id`, `workspace_id`, "
            + "`team_id`, `company_id`) and must be NOT NULL. `account_id` is not taken as a scope: it usually names an owner or author, "
            + "and rows of different accounts are linked on purpose (a reply to another account's comment, an agent's child session). Pairs of references are only "
            + "checked on link tables (foreign keys plus at most two other columns). Triggers that check the scope are not seen.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (table.ForeignKeys.Count == 0) continue;

            // Self-references: parent_id → the same table.
            if (ScopeColumn(table) is { } ownScope)
            {
                foreach (var fk in table.ForeignKeys)
                {
                    if (!IsSelf(table, fk) || IncludesScope(fk, ownScope.Name)) continue;
                    var column = string.Join(", ", fk.Columns);
                    yield return Report(TableTraits.SpanOf(table, fk),
                        $"`{table.Name}.{column}` links a `{table.Name}` row to another one without `{ownScope.Name}` in the foreign key: "
                        + $"a row can point at a row of another `{ScopeNoun(ownScope.Name)}`.",
                        $"Add a unique constraint on `{table.Name} (id, {ownScope.Name})` and make the reference composite: "
                        + $"`({column}, {ownScope.Name})` → `{table.Name} (id, {ownScope.Name})`.",
                        table: table.Name, column: fk.Columns.Count == 1 ? column : null);
                }
            }

            // Link tables: two foreign keys to the same scoped table (`created_by`/`updated_by` on a content table are not links).
            if (TableTraits.IsLinkTable(table)) foreach (var finding in CheckLinks(context, table)) yield return finding;
        }
    }

    private IEnumerable<Finding> CheckLinks(RuleContext context, Table table)
    {
        var byTarget = new Dictionary<string, List<ForeignKey>>(StringComparer.OrdinalIgnoreCase);
        foreach (var fk in table.ForeignKeys)
        {
            if (IsSelf(table, fk)) continue;
            var target = TableTraits.TargetName(fk);
            if (!byTarget.TryGetValue(target, out var list)) byTarget[target] = list = [];
            list.Add(fk);
        }
        foreach (var (targetName, fks) in byTarget)
        {
            if (fks.Count < 2 || context.FindTable(targetName) is not { } target) continue;
            if (ScopeColumn(target) is not { } scope) continue;
            var open = fks.FindAll(fk => !IncludesScope(fk, scope.Name));
            if (open.Count == 0) continue;
            var last = fks[^1];
            var columns = string.Join(" and ", fks.Select(fk => $"`{string.Join(", ", fk.Columns)}`"));
            yield return Report(TableTraits.SpanOf(table, last),
                $"`{table.Name}` links two `{target.Name}` rows ({columns}), but `{target.Name}` is scoped by `{scope.Name}` and the link "
                + $"does not carry it: a row can be linked to a row of another `{ScopeNoun(scope.Name)}`.",
                $"Store `{scope.Name}` on `{table.Name}`, add a unique constraint on `{target.Name} (id, {scope.Name})`, and make each "
                + $"reference composite (`(<column>, {scope.Name})` → `{target.Name} (id, {scope.Name})`).",
                table: table.Name, column: last.Columns.Count == 1 ? last.Columns[0] : null,
                related: [.. fks.Take(fks.Count - 1).Select(fk => TableTraits.SpanOf(table, fk))]);
        }
    }

    private static bool IsSelf(Table table, ForeignKey fk) =>
        string.Equals(TableTraits.TargetName(fk), table.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>A composite key whose columns include the scope column is scope-safe.</summary>
    private static bool IncludesScope(ForeignKey fk, string scope) =>
        fk.Columns.Count >= 2 && fk.Columns.Contains(scope, StringComparer.OrdinalIgnoreCase);

    /// <summary>The NOT NULL column that partitions the table (<c>project_id</c>, <c>tenantId</c>), if any.</summary>
    private static Column? ScopeColumn(Table table)
    {
        foreach (var column in table.Columns)
        {
            if (column.Nullable || column.IsPrimaryKey) continue;
            var words = NameHeuristics.Words(column.Name);
            if (words.Count != 2 || words[1] != "id" || !s_scopeWords.Contains(words[0])) continue;
            return column;
        }
        return null;
    }

    private static string ScopeNoun(string scopeColumn) => NameHeuristics.Words(scopeColumn)[0];
}
