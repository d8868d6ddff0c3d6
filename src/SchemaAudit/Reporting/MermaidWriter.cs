using System.Text;
using SchemaAudit.Model;

namespace SchemaAudit.Reporting;

/// <summary>
/// <c>schema-audit schema --format mermaid</c>: an <c>erDiagram</c> of tables, columns (type and
/// PK/FK/UK markers) and one relationship per foreign key. Cardinality comes from the model: the
/// parent side is optional when the FK columns are nullable, the child side is "one" when the FK
/// columns are unique.
/// </summary>
public static class MermaidWriter
{
    public static void Write(Schema schema, TextWriter output)
    {
        var tables = schema.Tables.OrderBy(t => t.QualifiedName, StringComparer.Ordinal).ToList();
        var names = EntityNames(tables);
        var byName = new Dictionary<string, Table>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in tables)
        {
            byName.TryAdd(t.QualifiedName, t);
            byName.TryAdd(t.Name, t);
        }

        output.Write("erDiagram\n");
        foreach (var table in tables)
            WriteEntity(output, table, names[table]);

        foreach (var child in tables)
        {
            foreach (var fk in child.ForeignKeys.OrderBy(f => string.Join(",", f.Columns), StringComparer.Ordinal))
            {
                // A FK to a table that is not in the model is a finding (fk-target-missing), not a box.
                if (!byName.TryGetValue(fk.TargetTable, out var parent)) continue;
                var parentSide = fk.Columns.Count > 0 && fk.Columns.TrueForAll(c => child.FindColumn(c)?.Nullable ?? false) ? "|o" : "||";
                var childSide = IsUnique(child, fk.Columns) ? "o|" : "o{";
                output.Write($"    {names[parent]} {parentSide}--{childSide} {names[child]} : \"{Label(string.Join(", ", fk.Columns))}\"\n");
            }
        }
    }

    private static void WriteEntity(TextWriter output, Table table, string name)
    {
        var fkColumns = new HashSet<string>(table.ForeignKeys.SelectMany(f => f.Columns), StringComparer.OrdinalIgnoreCase);
        var pkColumns = new HashSet<string>(table.PrimaryKey?.Columns ?? [], StringComparer.OrdinalIgnoreCase);
        output.Write($"    {name} {{\n");
        foreach (var column in table.Columns)
        {
            var keys = new List<string>(3);
            if (column.IsPrimaryKey || pkColumns.Contains(column.Name)) keys.Add("PK");
            if (fkColumns.Contains(column.Name)) keys.Add("FK");
            if (!column.IsPrimaryKey && IsUnique(table, [column.Name])) keys.Add("UK");
            var markers = keys.Count == 0 ? "" : " " + string.Join(", ", keys);
            output.Write($"        {TypeName(column)} {Identifier(column.Name)}{markers}\n");
        }
        output.Write("    }\n");
    }

    /// <summary>True when exactly these columns are the primary key or carry a unique constraint/index.</summary>
    private static bool IsUnique(Table table, IReadOnlyList<string> columns)
    {
        if (columns.Count == 0) return false;
        bool Same(IReadOnlyList<string> other) =>
            other.Count == columns.Count && other.All(c => columns.Contains(c, StringComparer.OrdinalIgnoreCase));
        return (table.PrimaryKey is { } pk && Same(pk.Columns))
            || table.UniqueConstraints.Exists(u => Same(u.Columns))
            || table.Indexes.Exists(i => i.IsUnique && i.Where is null && Same(i.Columns));
    }

    /// <summary>Unique Mermaid names: schema-qualified tables become <c>schema_table</c>; collisions get a suffix.</summary>
    private static Dictionary<Table, string> EntityNames(List<Table> tables)
    {
        var names = new Dictionary<Table, string>(ReferenceEqualityComparer.Instance);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var name = Identifier(table.QualifiedName);
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
                candidate = $"{name}_{n}";
            names[table] = candidate;
        }
        return names;
    }

    private static string TypeName(Column column) =>
        column.Type != LogicalType.Unknown ? column.Type.DisplayName()
        : column.TypeAsWritten.Length > 0 ? Identifier(column.TypeAsWritten)
        : "unknown";

    /// <summary>Mermaid names: a letter or underscore, then letters, digits, underscores or hyphens.</summary>
    internal static string Identifier(string text)
    {
        var sb = new StringBuilder(text.Length + 1);
        foreach (var ch in text)
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' ? ch : '_');
        if (sb.Length == 0 || !(char.IsAsciiLetter(sb[0]) || sb[0] == '_')) sb.Insert(0, '_');
        return sb.ToString();
    }

    private static string Label(string text) => text.Replace("\"", "'", StringComparison.Ordinal);
}
