using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>Small, allocation-light readers over Python expressions (no evaluation, only shapes).</summary>
internal static class PyExpressions
{
    /// <summary><c>a.b.c</c> for names and attribute chains; null for anything else.</summary>
    public static string? DottedName(PyExpr expr) => expr switch
    {
        PyName n => n.Id,
        PyAttribute a when DottedName(a.Value) is { } owner => owner + "." + a.Attr,
        _ => null,
    };

    /// <summary>The last identifier of a name, attribute chain or called name (<c>sa.Column(...)</c> → <c>Column</c>).</summary>
    public static string? LastName(PyExpr expr) => expr switch
    {
        PyName n => n.Id,
        PyAttribute a => a.Attr,
        PyCall c => LastName(c.Func),
        _ => null,
    };

    public static PyArg? Keyword(this PyCall call, string name)
    {
        foreach (var arg in call.Args)
        {
            if (arg.Name == name) return arg;
        }
        return null;
    }

    public static PyExpr? KeywordValue(this PyCall call, string name) => call.Keyword(name)?.Value;

    public static IEnumerable<PyExpr> Positional(this PyCall call)
    {
        foreach (var arg in call.Args)
        {
            if (arg.Name is null && arg.Star == 0) yield return arg.Value;
        }
    }

    public static PyExpr? PositionalAt(this PyCall call, int index)
    {
        var i = 0;
        foreach (var arg in call.Args)
        {
            if (arg.Name is not null || arg.Star != 0) continue;
            if (i++ == index) return arg.Value;
        }
        return null;
    }

    public static bool HasSplat(this PyCall call)
    {
        foreach (var arg in call.Args)
        {
            if (arg.Star != 0) return true;
        }
        return false;
    }

    public static bool? AsBool(PyExpr? expr) => expr switch
    {
        PyConstant { Kind: PyConstantKind.True } => true,
        PyConstant { Kind: PyConstantKind.False } => false,
        _ => null,
    };

    public static bool IsNone(PyExpr? expr) => expr is PyConstant { Kind: PyConstantKind.None };

    /// <summary>The value of a plain (non-f, non-bytes) string literal.</summary>
    public static string? AsString(PyExpr? expr) => expr is PyString { IsFString: false, IsBytes: false } s ? s.Value : null;

    public static int? AsInt(PyExpr? expr) =>
        expr is PyNumber n && int.TryParse(n.Text.Replace("_", "", StringComparison.Ordinal), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Elements of a list, tuple or set literal; the expression itself otherwise.</summary>
    public static IReadOnlyList<PyExpr> Elements(PyExpr expr) => expr switch
    {
        PyList l => l.Elements,
        PyTuple t => t.Elements,
        PySet s => s.Elements,
        _ => [expr],
    };

    /// <summary>The body of <c>lambda: X</c>; the expression itself otherwise.</summary>
    public static PyExpr UnwrapLambda(PyExpr expr) => expr is PyLambda { Parameters.Count: 0 } l ? l.Body : expr;

    /// <summary>The value of the last top-level <c>return</c> with a non-None value in a function body.</summary>
    public static PyExpr? LastReturnValue(IReadOnlyList<PyStmt> body)
    {
        for (var i = body.Count - 1; i >= 0; i--)
        {
            if (body[i] is PyReturn { Value: { } v } && !IsNone(v)) return v;
        }
        // A function that only returns from inside an if/else: take the last branch that returns.
        for (var i = body.Count - 1; i >= 0; i--)
        {
            if (body[i] is PyIf f)
            {
                var fromElse = LastReturnValue(f.OrElse);
                if (fromElse is not null) return fromElse;
                var fromBody = LastReturnValue(f.Body);
                if (fromBody is not null) return fromBody;
            }
        }
        return null;
    }

    /// <summary>Visits every expression below <paramref name="expr"/> (itself included), depth-first.</summary>
    public static IEnumerable<PyExpr> Descendants(PyExpr expr)
    {
        var stack = new Stack<PyExpr>();
        stack.Push(expr);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return e;
            switch (e)
            {
                case PyAttribute a: stack.Push(a.Value); break;
                case PyCall c:
                    stack.Push(c.Func);
                    foreach (var arg in c.Args) stack.Push(arg.Value);
                    break;
                case PySubscript s: stack.Push(s.Value); stack.Push(s.Index); break;
                case PyTuple t: foreach (var x in t.Elements) stack.Push(x); break;
                case PyList l: foreach (var x in l.Elements) stack.Push(x); break;
                case PySet st: foreach (var x in st.Elements) stack.Push(x); break;
                case PyDict d:
                    foreach (var k in d.Keys) if (k is not null) stack.Push(k);
                    foreach (var v in d.Values) stack.Push(v);
                    break;
                case PyBinary b: stack.Push(b.Left); stack.Push(b.Right); break;
                case PyUnary u: stack.Push(u.Operand); break;
                case PyConditional q: stack.Push(q.Body); stack.Push(q.Test); stack.Push(q.OrElse); break;
                case PyLambda lm: stack.Push(lm.Body); break;
                case PyStarred sr: stack.Push(sr.Value); break;
                case PyComprehension cp:
                    stack.Push(cp.Element);
                    foreach (var x in cp.Clauses) stack.Push(x);
                    break;
                case PyOtherExpr o: foreach (var x in o.Children) stack.Push(x); break;
            }
        }
    }

    /// <summary>Every statement in a block and its nested blocks (if/for/with/try ...), in source order.</summary>
    public static IEnumerable<PyStmt> Flatten(IReadOnlyList<PyStmt> body)
    {
        foreach (var stmt in body)
        {
            yield return stmt;
            switch (stmt)
            {
                case PyIf f:
                    foreach (var s in Flatten(f.Body)) yield return s;
                    foreach (var s in Flatten(f.OrElse)) yield return s;
                    break;
                case PyCompound c:
                    foreach (var block in c.Blocks)
                        foreach (var s in Flatten(block)) yield return s;
                    break;
            }
        }
    }
}
