namespace SchemaAudit.Model;

/// <summary>
/// What the project's application code does with its tables, read from every source file (not only the model
/// files): which rows it deletes, which attributes it writes <c>None</c>/<c>null</c> to, which timestamps it sets
/// in update code. Rules use it as evidence before they report (a parent that is never deleted needs no ON DELETE
/// decision yet); it is a fact about the project, shared by every view.
/// </summary>
public sealed class CodeEvidence
{
    public static CodeEvidence None { get; } = new();

    /// <summary>
    /// Names of what code deletes row by row through the ORM session, which honours ORM cascades: the variable
    /// deleted, as written (<c>session.delete(user)</c>), with the first place seen.
    /// </summary>
    public Dictionary<string, SourceSpan> OrmDeletes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Names of what code deletes in bulk, in SQL, bypassing ORM cascades: a class (<c>delete(User)</c>,
    /// <c>User.query...delete()</c>, <c>session.query(User)...delete()</c>), a Drizzle table variable
    /// (<c>db.delete(users)</c>) or a SQL table (<c>DELETE FROM users</c>), with the first place seen.
    /// </summary>
    public Dictionary<string, SourceSpan> BulkDeletes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Attributes or keys that code sets to <c>None</c>/<c>null</c> (<c>task.owner_id = None</c>, <c>.set({ ownerId: null })</c>).</summary>
    public Dictionary<string, SourceSpan> NullWrites { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Timestamp attributes or keys that code sets to the current time outside their declaration
    /// (<c>row.updated_at = datetime.now(UTC)</c>, <c>.set({ updatedAt: new Date() })</c>, <c>SET updated_at = now()</c>).
    /// </summary>
    public Dictionary<string, SourceSpan> TimestampWrites { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Custom column types that convert every value to UTC on the way in (a SQLAlchemy <c>TypeDecorator</c> whose
    /// <c>process_bind_param</c> calls <c>astimezone(timezone.utc)</c>): a naive column of such a type holds UTC by construction.
    /// </summary>
    public HashSet<string> UtcNormalizingTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>True when code sets this column (by its name or its ORM attribute's) to the current time somewhere.</summary>
    public bool WritesTimestamp(string columnName, string? attributeName)
    {
        if (TimestampWrites.ContainsKey(columnName) || (attributeName is not null && TimestampWrites.ContainsKey(attributeName))) return true;
        var camel = ToCamel(columnName);
        return camel != columnName && TimestampWrites.ContainsKey(camel);
    }

    /// <summary>
    /// Where code deletes rows of this table, by table name, by its entity's class name, or through a variable
    /// named after either; with <paramref name="bulkOnly"/>, only deletes that bypass ORM cascades.
    /// </summary>
    public SourceSpan? DeleteOf(string tableName, string? entityName, bool bulkOnly = false)
    {
        foreach (var name in NameForms(tableName, entityName))
        {
            if (BulkDeletes.TryGetValue(name, out var span)) return span;
            if (!bulkOnly && OrmDeletes.TryGetValue(name, out span)) return span;
        }
        return null;
    }

    // users → users, user; User → User, user; OrderItem → order_item, orderItem, orderItems.
    private static IEnumerable<string> NameForms(string tableName, string? entityName)
    {
        var dot = tableName.LastIndexOf('.');
        if (dot >= 0) tableName = tableName[(dot + 1)..];
        yield return tableName;
        if (tableName.EndsWith('s') && tableName.Length > 2) yield return tableName[..^1];
        var camel = ToCamel(tableName);
        if (camel != tableName) { yield return camel; if (camel.EndsWith('s')) yield return camel[..^1]; }
        if (entityName is null) yield break;
        yield return entityName;
        var snake = ToSnake(entityName);
        yield return snake;
        yield return snake + "s";
        yield return char.ToLowerInvariant(entityName[0]) + entityName[1..] + "s";
    }

    private static string ToCamel(string snake)
    {
        var parts = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return snake;
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static string ToSnake(string pascal)
    {
        var sb = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
