using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Frontends.Migrations;

/// <summary>Positional and keyword arguments of a Python call, with literal readers.</summary>
internal sealed class PyArgs
{
    private readonly Dictionary<string, PyExpr> _keywords = new(StringComparer.Ordinal);

    public PyArgs(PyCall call)
    {
        var positional = new List<PyExpr>();
        foreach (var arg in call.Args)
        {
            if (arg.Star != 0) continue;
            if (arg.Name is null) positional.Add(arg.Value);
            else _keywords[arg.Name] = arg.Value;
        }
        Positional = positional;
    }

    public IReadOnlyList<PyExpr> Positional { get; }

    public PyExpr? this[int index] => index < Positional.Count ? Positional[index] : null;

    public PyExpr? Keyword(string name) => _keywords.GetValueOrDefault(name);

    public bool Has(string name) => _keywords.ContainsKey(name);

    /// <summary>The argument given by keyword or, failing that, at <paramref name="position"/>.</summary>
    public PyExpr? Get(string name, int position) => Keyword(name) ?? this[position];

    /// <summary>A string literal, also through <c>op.f("...")</c> and <c>sa.text("...")</c>.</summary>
    public static string? String(PyExpr? expr) => expr switch
    {
        PyString s when !s.IsFString => s.Value,
        PyCall { Func: var f, Args: [{ Name: null, Star: 0, Value: PyString inner }] } when CallName(f) is "f" or "text" or "literal_column" => inner.Value,
        _ => null,
    };

    public static bool? Bool(PyExpr? expr) => expr is PyConstant c ? c.Kind switch { PyConstantKind.True => true, PyConstantKind.False => false, _ => null } : null;

    public static bool IsNone(PyExpr? expr) => expr is PyConstant { Kind: PyConstantKind.None };

    /// <summary>A list or tuple of string literals (or a single string).</summary>
    public static List<string> Strings(PyExpr? expr)
    {
        var result = new List<string>();
        IReadOnlyList<PyExpr> elements = expr switch { PyList l => l.Elements, PyTuple t => t.Elements, null => [], _ => [expr] };
        foreach (var element in elements)
            if (String(element) is { } value) result.Add(value);
        return result;
    }

    /// <summary>The last name of a callee: <c>sa.Column</c> → <c>Column</c>, <c>op.create_table</c> → <c>create_table</c>.</summary>
    public static string? CallName(PyExpr func) => func switch
    {
        PyName n => n.Id,
        PyAttribute a => a.Attr,
        _ => null,
    };
}
