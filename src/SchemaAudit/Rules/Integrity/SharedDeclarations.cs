using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// A column or foreign key declared once in a mixin is copied into every table that uses it.
/// Rules group such copies by their source span, so one declaration gives one finding, not one per table.
/// </summary>
internal static class SharedDeclarations
{
    /// <summary>Groups (table, item) pairs by the item's span, in first-seen order; items without a span stay apart.</summary>
    public static List<(T Item, List<Table> Tables)> BySpan<T>(IEnumerable<(Table Table, T Item)> items, Func<T, SourceSpan> spanOf)
    {
        var groups = new List<(T Item, List<Table> Tables)>();
        var bySpan = new Dictionary<SourceSpan, int>();
        foreach (var (table, item) in items)
        {
            var span = spanOf(item);
            if (!span.IsNone && bySpan.TryGetValue(span, out var i))
            {
                groups[i].Tables.Add(table);
                continue;
            }
            if (!span.IsNone) bySpan[span] = groups.Count;
            groups.Add((item, [table]));
        }
        return groups;
    }

    /// <summary><c>`customers.updated`</c>, or for a shared declaration <c>`updated` (in `customers`, `orders`)</c>.</summary>
    public static string Name(IReadOnlyList<Table> tables, string member)
    {
        if (tables.Count == 1) return $"`{tables[0].Name}.{member}`";
        const int shown = 3;
        var names = string.Join(", ", tables.Take(shown).Select(t => $"`{t.Name}`"));
        var more = tables.Count > shown ? $" and {tables.Count - shown} more" : "";
        return $"`{member}` (shared by {names}{more})";
    }
}
