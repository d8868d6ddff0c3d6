using System.Text.RegularExpressions;
using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>Reads <c>server_default=</c>: raw SQL strings versus portable SQLAlchemy constructs.</summary>
internal static partial class ServerDefaultReader
{
    // now(), gen_random_uuid(), CURRENT_TIMESTAMP, '{}'::jsonb ... inside text("...")
    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*\s*\(|\bCURRENT_(?:TIMESTAMP|DATE|TIME|USER)\b|\bLOCALTIMESTAMP\b|\bSYSDATE\b|::", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlFunctionLike();

    public static DefaultValue Read(ModuleInfo module, PyArg arg)
    {
        var span = module.Ast.SpanOf(arg);
        var value = arg.Value;
        // A plain string is raw text for the database, but SQLAlchemy renders it as a quoted SQL string literal
        // (server_default="draft" → DEFAULT 'draft'), so that literal is the expression, comparable with DDL.
        if (PyExpressions.AsString(value) is { } literal)
            return new DefaultValue("'" + literal.Replace("'", "''", StringComparison.Ordinal) + "'", true, span);
        if (value is PyCall call && PyExpressions.LastName(call.Func) is "text" or "literal_column" or "DefaultClause"
            && PyExpressions.AsString(call.PositionalAt(0)) is { } sql)
            return new DefaultValue(module.Ast.TextOf(value), SqlFunctionLike().IsMatch(sql), span);
        return new DefaultValue(module.Ast.TextOf(value), false, span);
    }
}
