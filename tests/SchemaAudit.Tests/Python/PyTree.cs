using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Tests.Python;

/// <summary>Walks a parsed module and checks the invariants every tree must keep, whatever the input.</summary>
internal static class PyTree
{
    /// <summary>The direct children of a node, in source order where it matters. Decorators are not children (they precede the def).</summary>
    public static IEnumerable<PyNode> Children(PyNode node)
    {
        switch (node)
        {
            case PyAttribute a: yield return a.Value; break;
            case PyArg a: yield return a.Value; break;
            case PyCall c:
                yield return c.Func;
                foreach (var arg in c.Args) yield return arg;
                break;
            case PySubscript s: yield return s.Value; yield return s.Index; break;
            case PyTuple t: foreach (var e in t.Elements) yield return e; break;
            case PyList l: foreach (var e in l.Elements) yield return e; break;
            case PySet s: foreach (var e in s.Elements) yield return e; break;
            case PyDict d:
                for (var i = 0; i < d.Values.Count; i++)
                {
                    if (d.Keys[i] is { } key) yield return key;
                    yield return d.Values[i];
                }
                break;
            case PyBinary b: yield return b.Left; yield return b.Right; break;
            case PyUnary u: yield return u.Operand; break;
            case PyConditional c: yield return c.Body; yield return c.Test; yield return c.OrElse; break;
            case PyLambda l:
                foreach (var p in l.Parameters) yield return p;
                yield return l.Body;
                break;
            case PyStarred s: yield return s.Value; break;
            case PyComprehension c:
                yield return c.Element;
                foreach (var clause in c.Clauses) yield return clause;
                break;
            case PyOtherExpr o: foreach (var child in o.Children) yield return child; break;
            case PyParameter p:
                if (p.Annotation is not null) yield return p.Annotation;
                if (p.Default is not null) yield return p.Default;
                break;
            case PyClassDef c:
                foreach (var b in c.Bases) yield return b;
                foreach (var s in c.Body) yield return s;
                break;
            case PyFunctionDef f:
                foreach (var p in f.Parameters) yield return p;
                if (f.Returns is not null) yield return f.Returns;
                foreach (var s in f.Body) yield return s;
                break;
            case PyAssign a:
                foreach (var t in a.Targets) yield return t;
                yield return a.Value;
                break;
            case PyAnnAssign a:
                yield return a.Target;
                yield return a.Annotation;
                if (a.Value is not null) yield return a.Value;
                break;
            case PyAugAssign a: yield return a.Target; yield return a.Value; break;
            case PyExprStmt e: yield return e.Value; break;
            case PyReturn r: if (r.Value is not null) yield return r.Value; break;
            case PyIf i:
                yield return i.Test;
                foreach (var s in i.Body) yield return s;
                foreach (var s in i.OrElse) yield return s;
                break;
            case PyCompound c:
                foreach (var h in c.Headers) yield return h;
                foreach (var block in c.Blocks)
                    foreach (var s in block) yield return s;
                break;
            case PySimpleStmt s: foreach (var e in s.Expressions) yield return e; break;
        }
    }

    /// <summary>Every node, depth first (decorators included).</summary>
    public static IEnumerable<PyNode> All(PyModule module)
    {
        var stack = new Stack<PyNode>();
        for (var i = module.Body.Count - 1; i >= 0; i--) stack.Push(module.Body[i]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var decorators = node switch { PyClassDef c => c.Decorators, PyFunctionDef f => f.Decorators, _ => [] };
            foreach (var d in decorators) stack.Push(d);
            foreach (var child in Children(node).Reverse()) stack.Push(child);
        }
    }

    public static IEnumerable<T> OfType<T>(PyModule module) where T : PyNode => All(module).OfType<T>();

    /// <summary>
    /// Positions are consistent (offsets inside the source, line/column matching the offsets, children
    /// inside their parent) and no required member is null. Returns the first violation, or null.
    /// </summary>
    public static string? FindViolation(PyModule module) => FindViolation(module, out _);

    /// <inheritdoc cref="FindViolation(PyModule)"/>
    /// <param name="hasErrorNode">Whether the tree holds a <see cref="PyErrorExpr"/> (a place the parser found no expression).</param>
    public static string? FindViolation(PyModule module, out bool hasErrorNode)
    {
        hasErrorNode = false;
        var lines = PyLineMap.Build(module.Source);
        var stack = new Stack<(PyNode Node, PyNode? Parent)>();
        foreach (var s in module.Body) stack.Push((s, null));
        while (stack.Count > 0)
        {
            var (node, parent) = stack.Pop();
            hasErrorNode |= node is PyErrorExpr;
            if (node.Start < 0 || node.End < node.Start || node.End > module.Source.Length)
                return $"{node.GetType().Name} has offsets {node.Start}..{node.End} outside the source ({module.Source.Length})";
            if (lines.Locate(node.Start) != (node.Line, node.Column) || lines.Locate(node.End) != (node.EndLine, node.EndColumn))
                return $"{node.GetType().Name} at {node.Start}..{node.End} has line/column {node.Line}:{node.Column}-{node.EndLine}:{node.EndColumn}";
            if (parent is not null && (node.Start < parent.Start || node.End > parent.End))
                return $"{node.GetType().Name} {node.Start}..{node.End} is outside its parent {parent.GetType().Name} {parent.Start}..{parent.End}";
            foreach (var child in Children(node))
            {
                if (child is null) return $"{node.GetType().Name} has a null child";
                stack.Push((child, node));
            }
            var decorators = node switch { PyClassDef c => c.Decorators, PyFunctionDef f => f.Decorators, _ => [] };
            foreach (var d in decorators) stack.Push((d, null));
        }
        return null;
    }

    public static PyModule Parse(string source, string path = "models.py") => PyParser.Parse(path, source);

    /// <summary>Parses and asserts there is no diagnostic and the tree is consistent.</summary>
    public static PyModule ParseClean(string source)
    {
        var module = Parse(source);
        Assert.True(module.Diagnostics.Count == 0, "unexpected diagnostics:\n" + string.Join("\n", module.Diagnostics));
        Assert.Null(FindViolation(module));
        return module;
    }

    /// <summary>The single expression of a one-line source such as <c>x = EXPR</c> or <c>EXPR</c>.</summary>
    public static PyExpr Expr(string source)
    {
        var module = ParseClean(source);
        return Assert.IsType<PyExprStmt>(Assert.Single(module.Body)).Value;
    }
}
