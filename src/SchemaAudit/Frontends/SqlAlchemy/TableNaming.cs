using System.Text;
using System.Text.RegularExpressions;
using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>
/// Table names computed from the class name: Flask-SQLAlchemy's snake case, SQLModel's lower case,
/// and the usual shapes of a <c>@declared_attr def __tablename__(cls)</c> body.
/// </summary>
internal static partial class TableNaming
{
    /// <summary>Flask-SQLAlchemy's <c>camel_to_snake_case</c>: <c>UserRole</c> → <c>user_role</c>, <c>HTTPLog</c> → <c>http_log</c>.</summary>
    public static string SnakeCase(string name) =>
        SnakeBoundary().Replace(name, "_$1").ToLowerInvariant().TrimStart('_');

    [GeneratedRegex("((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")]
    private static partial Regex SnakeBoundary();

    /// <summary>The simple English plural that table-naming helpers produce.</summary>
    public static string Pluralize(string name)
    {
        if (name.Length == 0) return name;
        if (name.EndsWith('y') && name.Length > 1 && !"aeiou".Contains(name[^2], StringComparison.Ordinal)) return name[..^1] + "ies";
        if (name.EndsWith('s') || name.EndsWith('x') || name.EndsWith('z') || name.EndsWith("ch", StringComparison.Ordinal) || name.EndsWith("sh", StringComparison.Ordinal))
            return name + "es";
        return name + "s";
    }

    /// <summary>
    /// Evaluates the returned expression of a <c>__tablename__</c> method for one class. Returns null
    /// when the shape is not one we know (the caller then falls back and says so).
    /// </summary>
    public static string? Evaluate(PyExpr? expr, string className, int depth = 0)
    {
        if (expr is null || depth > 16) return null;
        switch (expr)
        {
            case PyString { IsFString: false } s:
                return s.Value;
            case PyString { IsFString: true } f:
                return EvaluateFString(f.Value, className);
            case PyAttribute { Attr: "__name__" }:
                return className;
            case PyBinary { Op: "+" } b:
                var left = Evaluate(b.Left, className, depth + 1);
                var right = Evaluate(b.Right, className, depth + 1);
                return left is null || right is null ? null : left + right;
            case PyCall call when call.Func is PyAttribute method:
                // cls.__name__.lower(), "_".join(...), name.replace(...)
                var receiver = Evaluate(method.Value, className, depth + 1);
                if (receiver is null) return null;
                return method.Attr switch
                {
                    "lower" or "casefold" => receiver.ToLowerInvariant(),
                    "upper" => receiver.ToUpperInvariant(),
                    "strip" or "title" or "capitalize" => receiver,
                    _ => ApplyHelper(method.Attr, receiver),
                };
            case PyCall call when call.Func is PyName helper && call.PositionalAt(0) is { } arg:
                var inner = Evaluate(arg, className, depth + 1);
                return inner is null ? null : ApplyHelper(helper.Id, inner);
            default:
                return null;
        }
    }

    // camel_to_snake(), to_snake_case(), underscore(), pluralize(), plural() ... recognised by their names.
    private static string? ApplyHelper(string helperName, string value)
    {
        var name = helperName.ToLowerInvariant();
        var snake = name.Contains("snake", StringComparison.Ordinal) || name.Contains("underscore", StringComparison.Ordinal);
        var plural = name.Contains("plural", StringComparison.Ordinal);
        if (!snake && !plural && !name.Contains("lower", StringComparison.Ordinal) && !name.Contains("table", StringComparison.Ordinal)) return null;
        var result = snake || name.Contains("table", StringComparison.Ordinal) ? SnakeCase(value) : value.ToLowerInvariant();
        return plural ? Pluralize(result) : result;
    }

    private static string? EvaluateFString(string raw, string className)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < raw.Length)
        {
            var open = raw.IndexOf('{', i);
            if (open < 0) { sb.Append(raw, i, raw.Length - i); break; }
            sb.Append(raw, i, open - i);
            var close = raw.IndexOf('}', open);
            if (close < 0) return null;
            var inner = raw[(open + 1)..close].Trim();
            var value = inner switch
            {
                "cls.__name__" => className,
                "cls.__name__.lower()" => className.ToLowerInvariant(),
                _ when inner.Contains("__name__", StringComparison.Ordinal) && inner.Contains("snake", StringComparison.OrdinalIgnoreCase) => SnakeCase(className),
                _ => null,
            };
            if (value is null) return null;
            sb.Append(value);
            i = close + 1;
        }
        return sb.ToString();
    }
}
