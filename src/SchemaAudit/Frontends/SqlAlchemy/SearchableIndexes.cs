using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>
/// SQLAlchemy-Searchable: once a module calls <c>make_searchable(metadata)</c>, every
/// <c>TSVectorType</c> column gets a GIN index named <c>{table}_{column}_idx</c> when its table is
/// mapped. The models never spell that index out, so without it they look unindexed and drift
/// from migrations that create it.
/// </summary>
internal static class SearchableIndexes
{
    public static void Add(IEnumerable<ModuleInfo> modules, IEnumerable<TableBuilder> tables)
    {
        if (!modules.Any(CallsMakeSearchable)) return;
        foreach (var builder in tables)
        {
            var table = builder.Table;
            foreach (var column in table.Columns)
            {
                if (!IsTsVectorType(column.TypeAsWritten)) continue;
                if (table.Indexes.Exists(i => i.Columns.Count == 1 && string.Equals(i.Columns[0], column.Name, StringComparison.OrdinalIgnoreCase))) continue;
                var index = new Model.Index { Name = $"{table.Name}_{column.Name}_idx", Method = "gin", Origin = IndexOrigin.ColumnFlag, Span = column.Span };
                index.Columns.Add(column.Name);
                index.IsExpression.Add(false);
                table.Indexes.Add(index);
            }
        }
    }

    private static bool CallsMakeSearchable(ModuleInfo module) =>
        module.Ast.Body.Any(s => s is PyExprStmt { Value: PyCall call } && PyExpressions.LastName(call.Func) == "make_searchable");

    // `TSVectorType("title", "body", weights=...)`, `sqlalchemy_utils.types.TSVectorType(...)`.
    private static bool IsTsVectorType(string typeAsWritten)
    {
        var open = typeAsWritten.IndexOf('(');
        var callee = open < 0 ? typeAsWritten : typeAsWritten[..open];
        return callee.Trim().EndsWith("TSVectorType", StringComparison.Ordinal);
    }
}
