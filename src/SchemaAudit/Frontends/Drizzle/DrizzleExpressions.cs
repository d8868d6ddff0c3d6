using System.Globalization;
using System.Text;
using SchemaAudit.Frontends.TypeScript;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>Reads values out of Drizzle call arguments: option objects, <c>sql`...`</c> text, default values, column lists.</summary>
internal sealed class DrizzleExpressions(DrizzleProject project)
{
    /// <summary>The properties of an options object (<c>{ length: 255, mode: 'date' }</c>), following a const that holds it.</summary>
    public Dictionary<string, (TsExpr Value, DrizzleModule Module, DrizzleScope? Scope)> Options(TsExpr? expression, DrizzleModule module, DrizzleScope? scope)
    {
        var result = new Dictionary<string, (TsExpr, DrizzleModule, DrizzleScope?)>(StringComparer.Ordinal);
        if (expression is null) return result;
        if (project.Resolve(expression, module, scope) is not ExpressionValue { Expression: TsObjectLiteral obj } value) return result;
        foreach (var property in obj.Properties)
        {
            if (property.Key is null) continue;
            result[property.Key] = (property.Value, value.Module, value.Scope);
        }
        return result;
    }

    public string? StringOption(Dictionary<string, (TsExpr Value, DrizzleModule Module, DrizzleScope? Scope)> options, string key) =>
        options.TryGetValue(key, out var v) ? project.StringOf(v.Value, v.Module, v.Scope) : null;

    public bool? BoolOption(Dictionary<string, (TsExpr Value, DrizzleModule Module, DrizzleScope? Scope)> options, string key)
    {
        if (!options.TryGetValue(key, out var v)) return null;
        return project.Resolve(v.Value, v.Module, v.Scope) is ExpressionValue { Expression: TsKeywordLiteral { Keyword: "true" or "false" } k }
            ? k.Keyword == "true" : null;
    }

    public int? IntOption(Dictionary<string, (TsExpr Value, DrizzleModule Module, DrizzleScope? Scope)> options, string key)
    {
        if (!options.TryGetValue(key, out var v)) return null;
        return project.Resolve(v.Value, v.Module, v.Scope) is ExpressionValue { Expression: TsNumberLiteral n }
               && int.TryParse(n.Text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
            ? i : null;
    }

    /// <summary>True when <paramref name="expression"/> is Drizzle's <c>sql</c> tag or <c>sql.raw(...)</c>.</summary>
    public bool IsSql(TsExpr expression, DrizzleModule module, DrizzleScope? scope) => TsSyntax.Unwrap(expression) switch
    {
        TsTaggedTemplate tagged => project.Resolve(tagged.Tag, module, scope) is ExternalValue { IsDrizzle: true, Name: "sql" },
        TsCall call => project.Resolve(call.Callee, module, scope) is ExternalValue { IsDrizzle: true, Name: "sql.raw" },
        _ => false,
    };

    /// <summary>
    /// The SQL text of <c>sql`lower(${t.email})`</c>: column references become the column's
    /// name (qualified when they belong to another table than <paramref name="owner"/>).
    /// Null when the expression is not SQL.
    /// </summary>
    public string? RenderSql(TsExpr expression, DrizzleModule module, DrizzleScope? scope, DrizzleTable? owner, int depth = 0)
    {
        switch (TsSyntax.Unwrap(expression))
        {
            case TsTaggedTemplate tagged when IsSql(tagged, module, scope):
                var text = new StringBuilder();
                var template = tagged.Template;
                for (var i = 0; i < template.Quasis.Count; i++)
                {
                    text.Append(template.Quasis[i]);
                    if (i < template.Expressions.Count) text.Append(RenderPart(template.Expressions[i], module, scope, owner, depth));
                }
                return text.ToString().Trim();
            case TsCall call when IsSql(call, module, scope) && call.Arguments.Count > 0:
                return project.StringOf(call.Arguments[0], module, scope);
            default:
                return null;
        }
    }

    private string RenderPart(TsExpr part, DrizzleModule module, DrizzleScope? scope, DrizzleTable? owner, int depth)
    {
        if (depth < 8 && RenderSql(part, module, scope, owner, depth + 1) is { } nested) return nested;
        var chain = DrizzleChain.Read(project, part, module, scope);
        if (chain.Base is ColumnRefValue column && column.Table.ColumnName(column.Key) is { } name)
            return ReferenceEquals(column.Table, owner) ? name : $"{column.Table.Model.Name}.{name}";
        if (project.Resolve(part, module, scope) is ExpressionValue value)
        {
            switch (value.Expression)
            {
                case TsStringLiteral s: return "'" + s.Value.Replace("'", "''", StringComparison.Ordinal) + "'";
                case TsNumberLiteral n: return n.Text;
                case TsKeywordLiteral k: return k.Keyword;
            }
        }
        return "${" + module.Ast.TextOf(part) + "}";
    }

    /// <summary>A <c>.default(value)</c> as SQL-ish text: <c>sql</c> is rendered, literals quoted as SQL would.</summary>
    public string DefaultText(TsExpr expression, DrizzleModule module, DrizzleScope? scope, DrizzleTable owner)
    {
        if (RenderSql(expression, module, scope, owner) is { } sql) return sql;
        return project.Resolve(expression, module, scope) is ExpressionValue value
            ? value.Expression switch
            {
                TsStringLiteral s => "'" + s.Value.Replace("'", "''", StringComparison.Ordinal) + "'",
                TsNumberLiteral n => n.Text,
                TsKeywordLiteral { Keyword: "null" or "undefined" } => "NULL",
                TsKeywordLiteral k => k.Keyword,
                TsUnary { Operator: "-", Operand: TsNumberLiteral n } => "-" + n.Text,
                TsArrayLiteral or TsObjectLiteral when JsonText(value.Expression) is { } json => "'" + json.Replace("'", "''", StringComparison.Ordinal) + "'",
                var other => value.Module.Ast.TextOf(other),
            }
            : module.Ast.TextOf(expression);
    }

    /// <summary>
    /// An array or object literal of literals as <c>JSON.stringify</c> writes it, the form drizzle-kit puts in
    /// the DDL (<c>.default(["write"])</c> → <c>'["write"]'</c>); null when a part is not a plain literal.
    /// </summary>
    private static string? JsonText(TsExpr expression)
    {
        var json = new StringBuilder();
        return AppendJson(expression, json, depth: 0) ? json.ToString() : null;
    }

    private static bool AppendJson(TsExpr expression, StringBuilder json, int depth)
    {
        if (depth > 32) return false;
        switch (expression)
        {
            case TsStringLiteral s:
                AppendJsonString(s.Value, json);
                return true;
            case TsNumberLiteral n when double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                json.Append(n.Text);
                return true;
            case TsUnary { Operator: "-", Operand: TsNumberLiteral n }:
                json.Append('-').Append(n.Text);
                return true;
            case TsKeywordLiteral { Keyword: "true" or "false" or "null" } k:
                json.Append(k.Keyword);
                return true;
            case TsArrayLiteral array:
                json.Append('[');
                for (var i = 0; i < array.Elements.Count; i++)
                {
                    if (i > 0) json.Append(',');
                    if (!AppendJson(array.Elements[i], json, depth + 1)) return false;
                }
                json.Append(']');
                return true;
            case TsObjectLiteral obj:
                json.Append('{');
                for (var i = 0; i < obj.Properties.Count; i++)
                {
                    var property = obj.Properties[i];
                    if (property.Kind != TsPropertyKind.Init || property.Key is null) return false;
                    if (i > 0) json.Append(',');
                    AppendJsonString(property.Key, json);
                    json.Append(':');
                    if (!AppendJson(property.Value, json, depth + 1)) return false;
                }
                json.Append('}');
                return true;
            default:
                return false;
        }
    }

    /// <summary>A JSON string as <c>JSON.stringify</c> writes it: only quotes, backslashes and control characters escaped.</summary>
    private static void AppendJsonString(string value, StringBuilder json)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        json.Append('"');
    }

    /// <summary>The elements of an array literal (following a const that holds one), or the arguments themselves.</summary>
    public IEnumerable<(TsExpr Element, DrizzleModule Module, DrizzleScope? Scope)> Elements(TsExpr expression, DrizzleModule module, DrizzleScope? scope)
    {
        if (project.Resolve(expression, module, scope) is ExpressionValue { Expression: TsArrayLiteral array } value)
        {
            foreach (var element in array.Elements)
            {
                if (element is TsSpread spread)
                    foreach (var inner in Elements(spread.Argument, value.Module, value.Scope)) yield return inner;
                else if (element is not TsErrorExpr) yield return (element, value.Module, value.Scope);
            }
        }
    }
}
