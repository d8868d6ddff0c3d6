using SchemaAudit.Frontends.TypeScript;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>A table declared with <c>pgTable</c> (or a sibling) while it is being extracted.</summary>
internal sealed class DrizzleTable
{
    public required Table Model { get; init; }
    public required Entity Entity { get; init; }
    public required DrizzleModule Module { get; init; }
    public required TsCall Declaration { get; init; }

    /// <summary>The dialect of the <c>*Table</c> function used.</summary>
    public required string Dialect { get; init; }

    /// <summary>Columns by their TypeScript key (what <c>t.key</c> and <c>users.key</c> name).</summary>
    public Dictionary<string, Column> ColumnsByKey { get; } = new(StringComparer.Ordinal);

    /// <summary><c>.references(...)</c> calls, resolved once every table is known.</summary>
    public List<(Column Column, ModifierCall Call)> PendingReferences { get; } = [];

    /// <summary>Where each column came from, for FK spans and diagnostics in helper files.</summary>
    public Dictionary<Column, DrizzleModule> ColumnModules { get; } = [];

    /// <summary>The column a key names, as its database name; null when the table has no such key.</summary>
    public string? ColumnName(string key) => ColumnsByKey.TryGetValue(key, out var column) ? column.Name : null;

    public override string ToString() => Model.QualifiedName;
}

/// <summary>One <c>.name(args)</c> link of a builder chain, with where its arguments are to be resolved.</summary>
internal sealed record ModifierCall(string Name, TsCall Call, DrizzleModule Module, DrizzleScope? Scope, int NameStart)
{
    public IReadOnlyList<TsExpr> Arguments => Call.Arguments;

    public Model.SourceSpan Span => Module.Ast.SpanOf(NameStart, Call.End);
}
