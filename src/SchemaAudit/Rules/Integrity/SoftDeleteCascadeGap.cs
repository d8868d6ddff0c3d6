using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// Children that rely on ON DELETE CASCADE under a parent whose rows are retired (soft delete, or a status such as
/// <c>disconnected</c>/<c>archived</c>) rather than deleted: the cascade never fires and the children outlive their parent.
/// </summary>
public sealed class SoftDeleteCascadeGap : Rule
{
    // Status values that retire a row for good while keeping it.
    private static readonly FrozenSet<string> s_retiredValues = new[]
    {
        "deleted", "archived", "removed", "disconnected", "deactivated", "retired", "decommissioned", "trashed", "inactive", "disabled",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_statusNames =
        new[] { "status", "state", "lifecycle" }.ToFrozenSet(StringComparer.Ordinal);

    // Boolean switches a child can be retired by.
    private static readonly FrozenSet<string> s_activeWords =
        new[] { "active", "enabled", "inactive", "disabled" }.ToFrozenSet(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "soft-delete-cascade-gap",
        Title = "ON DELETE CASCADE under a parent that is retired, not deleted",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Integrity,
        Why = "ON DELETE CASCADE only runs when the parent row is deleted. When parents are retired instead (a `deleted_at` timestamp, or "
            + "a status set to `disconnected` or `archived`), the cascade never fires: the children of a retired parent stay live, keep "
            + "appearing in queries that do not join the parent, and nothing documents who is supposed to clean them up.",
        Fix = "Retire the children in the same transaction as the parent (set their own `deleted_at`/status, or delete them explicitly), "
            + "and filter on the parent's state where children are read; keep the cascade only for the rare real delete, and say so in a comment.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TYPE spoke_status AS ENUM ('connected', 'disconnected');
            CREATE TABLE spokes (
                id uuid PRIMARY KEY,
                name text NOT NULL,
                status spoke_status NOT NULL DEFAULT 'connected'
            );
            CREATE TABLE operation_specs (
                id uuid PRIMARY KEY,
                spoke_id uuid NOT NULL REFERENCES spokes (id) ON DELETE CASCADE,
                name text NOT NULL
            );
            """,
        GoodExample = """
            CREATE TYPE spoke_status AS ENUM ('connected', 'disconnected');
            CREATE TABLE spokes (
                id uuid PRIMARY KEY,
                name text NOT NULL,
                status spoke_status NOT NULL DEFAULT 'connected'
            );
            CREATE TABLE operation_specs (
                id uuid PRIMARY KEY,
                spoke_id uuid NOT NULL REFERENCES spokes (id) ON DELETE CASCADE,
                name text NOT NULL,
                active boolean NOT NULL DEFAULT true
            );
            """,
        KnownProblems = "Severity: a suggestion, always. The schema shows that a parent can be retired and that its children cascade, but "
            + "not what the code does when it retires one: on real projects the retiring code usually deletes or retires the children "
            + "itself, or keeps them on purpose (the reports and notifications of a deleted comment). A parent counts as retired when it has "
            + "a soft-delete column (`deleted_at`, `is_deleted`, `deleted`, `archived_at`, …) or a `status`/`state` column whose enum values "
            + "or CHECK list a retiring value (`deleted`, `archived`, `disconnected`, `inactive`, …). Children that have their own "
            + "soft-delete or status/active column are taken as retired with their parent by the application. The children of one parent "
            + "are one finding, at the parent's retiring column (a single child: at its foreign key).",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var enums = new Dictionary<string, EnumType>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in context.Schema.Enums) enums.TryAdd(e.Name, e);

        foreach (var parent in context.Schema.Tables)
        {
            var incoming = context.ForeignKeysTo(parent.Name);
            if (incoming.Count == 0) continue;
            var cascading = new List<(Table Child, ForeignKey Fk)>();
            foreach (var (child, fk) in incoming)
                if (fk.OnDelete == ReferentialAction.Cascade && !ReferenceEquals(child, parent)) cascading.Add((child, fk));
            if (cascading.Count == 0 || RetirementOf(parent, enums) is not { } how) continue;
            var children = cascading.FindAll(c => !HasOwnLifecycle(c.Child, enums));
            if (children.Count == 0) continue;

            // One parent, one finding: the children share the cause (the parent is retired, not deleted).
            if (children.Count == 1)
            {
                var (child, fk) = children[0];
                var column = string.Join(", ", fk.Columns);
                yield return Report(TableTraits.SpanOf(child, fk),
                    $"`{child.Name}.{column}` → `{parent.Name}` is ON DELETE CASCADE, but `{parent.Name}` rows are retired {how} rather than "
                    + $"deleted: the cascade never fires, and the `{child.Name}` rows of a retired `{parent.Name}` row stay live.",
                    $"Retire (or delete) the `{child.Name}` rows in the same transaction that retires their `{parent.Name}` row, or give "
                    + $"`{child.Name}` its own soft-delete/active column; document that the cascade only covers real deletes.",
                    table: child.Name, column: fk.Columns.Count == 1 ? column : null);
                continue;
            }
            var names = string.Join(", ", children.Select(c => $"`{c.Child.Name}.{string.Join(", ", c.Fk.Columns)}`"));
            yield return Report(how.Column.Span.IsNone ? parent.Span : how.Column.Span,
                $"`{parent.Name}` rows are retired {how.Text} rather than deleted, but {children.Count} tables rely on ON DELETE CASCADE to "
                + $"follow them ({names}): the cascade never fires, and their rows stay live under a retired `{parent.Name}` row.",
                $"Retire (or delete) the children in the same transaction that retires a `{parent.Name}` row, or give them their own "
                + "soft-delete/active column; document that the cascades only cover real deletes.",
                table: parent.Name, column: how.Column.Name,
                related: [.. children.Select(c => TableTraits.SpanOf(c.Child, c.Fk)).Where(s => !s.IsNone)]);
        }
    }

    /// <summary>How a table's rows are retired: the column that says so, and the words for the message.</summary>
    private sealed record Retirement(Column Column, string Text)
    {
        public override string ToString() => Text;
    }

    /// <summary>How rows of <paramref name="table"/> are retired (e.g. <c>through `deleted_at`</c>); null when they are not.</summary>
    private static Retirement? RetirementOf(Table table, Dictionary<string, EnumType> enums)
    {
        if ((SoftDeleteMarkers.Column(table) ?? TableTraits.SoftDeleteColumn(table)) is { } softDelete)
            return new Retirement(softDelete, $"through `{softDelete.Name}`");
        foreach (var column in table.Columns)
        {
            if (!IsStatusColumn(column)) continue;
            if (RetiringValue(table, column, enums) is { } value) return new Retirement(column, $"by setting `{column.Name}` to '{value}'");
        }
        return null;
    }

    private static bool IsStatusColumn(Column column)
    {
        var words = NameHeuristics.Words(column.Name);
        return words.Count > 0 && s_statusNames.Contains(words[^1]);
    }

    /// <summary>A retiring value among the column's enum values, or among the quoted strings of a CHECK that names it.</summary>
    private static string? RetiringValue(Table table, Column column, Dictionary<string, EnumType> enums)
    {
        if (column.EnumName is { } name && enums.TryGetValue(name, out var type))
            foreach (var value in type.Values)
                if (IsRetiring(value)) return value;
        foreach (var check in table.Checks)
        {
            if (!TableTraits.Mentions(check.Expression, column.Name)) continue;
            foreach (var literal in QuotedStrings(check.Expression))
                if (IsRetiring(literal)) return literal;
        }
        return null;
    }

    private static bool IsRetiring(string value)
    {
        foreach (var word in NameHeuristics.Words(value))
            if (s_retiredValues.Contains(word)) return true;
        return false;
    }

    private static IEnumerable<string> QuotedStrings(string expression)
    {
        var start = -1;
        for (var i = 0; i < expression.Length; i++)
        {
            if (expression[i] != '\'') continue;
            if (start < 0) { start = i + 1; continue; }
            yield return expression[start..i];
            start = -1;
        }
    }

    // A child with its own retirement marker is presumably retired with its parent by the application.
    private static bool HasOwnLifecycle(Table child, Dictionary<string, EnumType> enums)
    {
        if ((SoftDeleteMarkers.Column(child) ?? TableTraits.SoftDeleteColumn(child)) is not null) return true;
        foreach (var column in child.Columns)
        {
            if (column.Type == LogicalType.Bool && NameHeuristics.AnyWordIn(column.Name, s_activeWords)) return true;
            if (IsStatusColumn(column) && RetiringValue(child, column, enums) is not null) return true;
        }
        return false;
    }
}
