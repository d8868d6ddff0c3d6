using SchemaAudit.Model;
using Index = SchemaAudit.Model.Index;

namespace SchemaAudit.Rules.Performance;

internal enum KeyKind { PrimaryKey, UniqueConstraint, Index }

/// <summary>
/// A primary key, unique constraint or index seen as what it is physically: an ordered B-tree (or other
/// method) over some columns. The index rules compare these instead of the three model types.
/// </summary>
internal sealed class KeyStructure
{
    public required KeyKind Kind { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required IReadOnlyList<bool> IsExpression { get; init; }
    public required bool IsUnique { get; init; }

    /// <summary>Index method, lower case; <c>btree</c> when not written.</summary>
    public required string Method { get; init; }

    /// <summary>Partial predicate with whitespace collapsed; null when the structure covers every row.</summary>
    public string? Where { get; init; }
    public IReadOnlyDictionary<string, string> OperatorClasses { get; init; } = new Dictionary<string, string>();
    public IndexOrigin Origin { get; init; } = IndexOrigin.Explicit;
    public string? Name { get; init; }
    public SourceSpan Span { get; init; }

    /// <summary>True for the index SQLAlchemy creates from <c>unique=True</c> on a column (modelled as a constraint).</summary>
    public bool FromColumnFlag { get; init; }

    /// <summary>All the structures of a table that maintain an index: the primary key, unique constraints, indexes.</summary>
    public static List<KeyStructure> Of(Table table)
    {
        var result = new List<KeyStructure>();
        if (table.PrimaryKey is { Columns.Count: > 0 } pk)
        {
            result.Add(new KeyStructure
            {
                Kind = KeyKind.PrimaryKey, Columns = pk.Columns, IsExpression = Falses(pk.Columns.Count),
                IsUnique = true, Method = "btree", Name = pk.Name, Span = pk.Span,
            });
        }
        foreach (var uc in table.UniqueConstraints)
        {
            if (uc.Columns.Count == 0) continue;
            result.Add(new KeyStructure
            {
                Kind = KeyKind.UniqueConstraint, Columns = uc.Columns, IsExpression = Falses(uc.Columns.Count),
                IsUnique = true, Method = "btree", Name = uc.Name, Span = uc.Span, FromColumnFlag = uc.FromColumnFlag,
            });
        }
        foreach (var ix in table.Indexes)
        {
            if (ix.Columns.Count == 0) continue;
            result.Add(new KeyStructure
            {
                Kind = KeyKind.Index, Columns = ix.Columns,
                IsExpression = ix.IsExpression.Count == ix.Columns.Count ? ix.IsExpression : Falses(ix.Columns.Count),
                IsUnique = ix.IsUnique,
                Method = string.IsNullOrWhiteSpace(ix.Method) ? "btree" : ix.Method.Trim().ToLowerInvariant(),
                Where = NormalizePredicate(ix.Where), OperatorClasses = ix.OperatorClasses,
                Origin = ix.Origin, Name = ix.Name, Span = ix.Span,
            });
        }
        return result;
    }

    /// <summary>True when this structure can find rows by equality on <paramref name="count"/> leading elements that are plain columns.</summary>
    /// <param name="ignoringPredicate">True to judge only the shape, leaving a partial index's predicate to the caller.</param>
    public bool ServesLookupsOnLeading(int count, bool ignoringPredicate = false) =>
        (Where is null || ignoringPredicate) && Columns.Count >= count && Method is "btree" or "hash" && (Method == "btree" || Columns.Count == count);

    /// <summary>The columns as a readable list: <c>(a, b)</c>.</summary>
    public string ColumnList => $"({string.Join(", ", Columns)})";

    /// <summary>How the user wrote it, for messages: <c>index `ix_a` (a, b)</c>, <c>`unique=True, index=True` on `a`</c>, <c>the primary key (id)</c>.</summary>
    /// <param name="indexFlag">How the source spells a column's index flag (SQLAlchemy <c>index=True</c>).</param>
    /// <param name="uniqueFlag">How it spells a column's unique flag (<c>unique=True</c>, Drizzle <c>.unique()</c>, SQL <c>UNIQUE</c>).</param>
    public string Describe(string indexFlag = "index=True", string uniqueFlag = "unique=True") => Kind switch
    {
        KeyKind.PrimaryKey => $"the primary key {ColumnList}",
        KeyKind.UniqueConstraint when FromColumnFlag => $"`{uniqueFlag}` on `{Columns[0]}`",
        KeyKind.UniqueConstraint => Name is null ? $"the unique constraint {ColumnList}" : $"unique constraint `{Name}` {ColumnList}",
        _ when Origin == IndexOrigin.ColumnFlag => IsUnique ? $"`{uniqueFlag}, {indexFlag}` on `{Columns[0]}`" : $"`{indexFlag}` on `{Columns[0]}`",
        _ => Name is null ? $"the {(IsUnique ? "unique " : "")}index {ColumnList}" : $"{(IsUnique ? "unique " : "")}index `{Name}` {ColumnList}",
    };

    private static string? NormalizePredicate(string? where) =>
        string.IsNullOrWhiteSpace(where) ? null : string.Join(' ', where.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static bool[] Falses(int n) => new bool[n];
}
