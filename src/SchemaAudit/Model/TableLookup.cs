namespace SchemaAudit.Model;

/// <summary>
/// Tables by identity: schema and name. <c>public.users</c> and <c>billing.users</c> are two tables;
/// <c>public</c> (the default schema) and no schema at all are the same. An unqualified name finds the
/// table in the default schema, else the only table of that name in any schema (a search path the tool
/// cannot see), else nothing: guessing between two same-named tables would join the wrong one.
/// Built once, so every lookup is constant time.
/// </summary>
public sealed class TableLookup
{
    private readonly Dictionary<string, Table> _byIdentity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Table>> _byName = new(StringComparer.Ordinal);

    public TableLookup(IEnumerable<Table> tables)
    {
        foreach (var table in tables)
        {
            _byIdentity.TryAdd(Identity(table), table);
            var name = Normalize(table.Name);
            if (!_byName.TryGetValue(name, out var list)) _byName[name] = list = [];
            list.Add(table);
        }
    }

    /// <summary>The table a reference names (<c>users</c>, <c>billing.users</c>, <c>"Billing"."Users"</c>), or null.</summary>
    public Table? Find(string reference)
    {
        var (schema, name) = Split(reference);
        if (_byIdentity.TryGetValue(Key(schema, name), out var table)) return table;
        if (schema is not null && !IsDefaultSchema(schema)) return null;
        return _byName.TryGetValue(name, out var sameName) && sameName.Count == 1 ? sameName[0] : null;
    }

    /// <summary>True when more than one table has <paramref name="name"/> (in different schemas): then only the schema tells them apart.</summary>
    public bool IsAmbiguous(string name) => _byName.TryGetValue(Normalize(name), out var list) && list.Count > 1;

    /// <summary><c>billing.users</c>, or <c>.users</c> for the default schema: lower case, unquoted.</summary>
    public static string Identity(Table table) => Key(table.SchemaName, Normalize(table.Name));

    /// <summary>The identity of a table named <paramref name="name"/> in <paramref name="schema"/> (null: the default schema).</summary>
    public static string Identity(string? schema, string name) => Key(schema, Normalize(name));

    /// <summary><c>public</c> is PostgreSQL's default schema; empty or missing means the same.</summary>
    public static bool IsDefaultSchema(string? schema) =>
        string.IsNullOrEmpty(schema) || string.Equals(Normalize(schema), "public", StringComparison.Ordinal);

    private static string Key(string? schema, string normalizedName) =>
        (IsDefaultSchema(schema) ? "" : Normalize(schema!)) + "." + normalizedName;

    /// <summary>Splits <c>schema.table</c> at the last dot outside quotes; the table alone has no schema.</summary>
    private static (string? Schema, string Name) Split(string reference)
    {
        var inQuotes = false;
        for (var i = reference.Length - 1; i >= 0; i--)
        {
            var c = reference[i];
            if (c == '"') inQuotes = !inQuotes;
            else if (c == '.' && !inQuotes) return (reference[..i], Normalize(reference[(i + 1)..]));
        }
        return (null, Normalize(reference));
    }

    private static string Normalize(string name) => name.Trim().Trim('"', '`', '[', ']').ToLowerInvariant();
}
