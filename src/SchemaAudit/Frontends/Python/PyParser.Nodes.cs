namespace SchemaAudit.Frontends.Python;

// Node construction: every node spans from its first token to the last token consumed so far,
// so callers create a node right after consuming its last token.
public sealed partial class PyParser
{
    private readonly record struct Span(int Line, int Column, int EndLine, int EndColumn, int Start, int End);

    private Span SpanFrom(int start) => SpanOf(start, Math.Max(start, _lastTokenEnd));

    private Span SpanOf(int start, int end)
    {
        var (line, column) = _lines.Locate(start);
        var (endLine, endColumn) = _lines.Locate(end);
        return new Span(line, column, endLine, endColumn, start, end);
    }

    private PyName NameNode(string id, int start)
    {
        var s = SpanFrom(start);
        return new PyName { Id = id, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    /// <summary>
    /// A zero-width stand-in for a missing expression: right after the previous token when the line
    /// ended, otherwise at the unexpected token (and the enclosing nodes are stretched to cover it).
    /// </summary>
    private PyErrorExpr MissingExpression()
    {
        var at = MissingPosition();
        var s = SpanOf(at, at);
        return new PyErrorExpr { Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    /// <summary>Where a missing node stands; enclosing nodes are stretched to cover it.</summary>
    private int MissingPosition()
    {
        var at = Kind is PyTokenKind.Newline or PyTokenKind.Indent or PyTokenKind.Dedent or PyTokenKind.EndOfFile
            ? _lastTokenEnd
            : Current.Start;
        _lastTokenEnd = Math.Max(_lastTokenEnd, at);
        return at;
    }

    /// <summary>A name node for the identifier at the cursor, or an empty one (and a diagnostic) when there is none.</summary>
    private PyName ExpectNameNode()
    {
        if (Kind == PyTokenKind.Name)
        {
            var token = Advance();
            return NameNode(token.Value ?? "", token.Start);
        }
        ErrorExpected("name");
        return NameNode("", MissingPosition());
    }

    /// <summary>An absent slice bound: Python reads <c>x[:1]</c> as <c>x[None:1]</c>.</summary>
    private PyConstant ImplicitNone(int at)
    {
        var s = SpanOf(at, at);
        return new PyConstant { Kind = PyConstantKind.None, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyConstant ConstantNode(PyConstantKind kind, int start)
    {
        var s = SpanFrom(start);
        return new PyConstant { Kind = kind, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyNumber NumberNode(string text, int start)
    {
        var s = SpanFrom(start);
        return new PyNumber { Text = text, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyString StringNode(string value, string prefix, int start)
    {
        var s = SpanFrom(start);
        return new PyString { Value = value, Prefix = prefix, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyAttribute AttributeNode(PyExpr value, string attr, int start)
    {
        var s = SpanFrom(start);
        return new PyAttribute { Value = value, Attr = attr, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyCall CallNode(PyExpr func, IReadOnlyList<PyArg> args, int start)
    {
        var s = SpanFrom(start);
        return new PyCall { Func = func, Args = args, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyArg ArgNode(string? name, PyExpr value, int star, int start)
    {
        var s = SpanFrom(start);
        return new PyArg { Name = name, Value = value, Star = star, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PySubscript SubscriptNode(PyExpr value, PyExpr index, int start)
    {
        var s = SpanFrom(start);
        return new PySubscript { Value = value, Index = index, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyTuple TupleNode(IReadOnlyList<PyExpr> elements, int start)
    {
        var s = SpanFrom(start);
        return new PyTuple { Elements = elements, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyList ListNode(IReadOnlyList<PyExpr> elements, int start)
    {
        var s = SpanFrom(start);
        return new PyList { Elements = elements, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PySet SetNode(IReadOnlyList<PyExpr> elements, int start)
    {
        var s = SpanFrom(start);
        return new PySet { Elements = elements, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyDict DictNode(IReadOnlyList<PyExpr?> keys, IReadOnlyList<PyExpr> values, int start)
    {
        var s = SpanFrom(start);
        return new PyDict { Keys = keys, Values = values, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyBinary BinaryNode(PyExpr left, string op, PyExpr right, int start)
    {
        var s = SpanFrom(start);
        return new PyBinary { Left = left, Op = op, Right = right, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyUnary UnaryNode(string op, PyExpr operand, int start)
    {
        var s = SpanFrom(start);
        return new PyUnary { Op = op, Operand = operand, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyConditional ConditionalNode(PyExpr body, PyExpr test, PyExpr orElse, int start)
    {
        var s = SpanFrom(start);
        return new PyConditional { Body = body, Test = test, OrElse = orElse, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyLambda LambdaNode(IReadOnlyList<PyParameter> parameters, PyExpr body, int start)
    {
        var s = SpanFrom(start);
        return new PyLambda { Parameters = parameters, Body = body, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyStarred StarredNode(PyExpr value, int stars, int start)
    {
        var s = SpanFrom(start);
        return new PyStarred { Value = value, Stars = stars, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyComprehension ComprehensionNode(string kind, PyExpr element, IReadOnlyList<PyExpr> clauses, int start)
    {
        var s = SpanFrom(start);
        return new PyComprehension { Kind = kind, Element = element, Clauses = clauses, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyOtherExpr OtherNode(string kind, IReadOnlyList<PyExpr> children, int start)
    {
        var s = SpanFrom(start);
        return new PyOtherExpr { Kind = kind, Children = children, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyParameter ParameterNode(string name, PyExpr? annotation, PyExpr? defaultValue, int star, bool keywordOnly, int start)
    {
        var s = SpanFrom(start);
        return new PyParameter
        {
            Name = name, Annotation = annotation, Default = defaultValue, Star = star, IsKeywordOnly = keywordOnly,
            Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End,
        };
    }

    private static PyParameter AsPositionalOnly(PyParameter p) => new()
    {
        Name = p.Name, Annotation = p.Annotation, Default = p.Default, Star = p.Star, IsPositionalOnly = true,
        Line = p.Line, Column = p.Column, EndLine = p.EndLine, EndColumn = p.EndColumn, Start = p.Start, End = p.End,
    };

    // ----- statements -----

    private PyImport ImportNode(IReadOnlyList<PyImportName> names, int start)
    {
        var s = SpanFrom(start);
        return new PyImport { Names = names, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyImportFrom ImportFromNode(string module, int level, IReadOnlyList<PyImportName> names, int start)
    {
        var s = SpanFrom(start);
        return new PyImportFrom { Module = module, Level = level, Names = names, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyClassDef ClassNode(string name, IReadOnlyList<PyArg> bases, IReadOnlyList<PyExpr> decorators, IReadOnlyList<PyStmt> body, int start)
    {
        var s = SpanFrom(start);
        return new PyClassDef
        {
            Name = name, Bases = bases, Decorators = decorators, Body = body, Docstring = DocstringOf(body),
            Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End,
        };
    }

    private PyFunctionDef FunctionNode(string name, IReadOnlyList<PyParameter> parameters, IReadOnlyList<PyExpr> decorators,
        IReadOnlyList<PyStmt> body, PyExpr? returns, bool isAsync, int start)
    {
        var s = SpanFrom(start);
        return new PyFunctionDef
        {
            Name = name, Parameters = parameters, Decorators = decorators, Body = body, Returns = returns, IsAsync = isAsync,
            Docstring = DocstringOf(body),
            Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End,
        };
    }

    private PyAssign AssignNode(IReadOnlyList<PyExpr> targets, PyExpr value, int start)
    {
        var s = SpanFrom(start);
        return new PyAssign { Targets = targets, Value = value, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyAnnAssign AnnAssignNode(PyExpr target, PyExpr annotation, PyExpr? value, int start)
    {
        var s = SpanFrom(start);
        return new PyAnnAssign { Target = target, Annotation = annotation, Value = value, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyAugAssign AugAssignNode(PyExpr target, string op, PyExpr value, int start)
    {
        var s = SpanFrom(start);
        return new PyAugAssign { Target = target, Op = op, Value = value, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyExprStmt ExprStmtNode(PyExpr value, int start)
    {
        var s = SpanFrom(start);
        return new PyExprStmt { Value = value, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyReturn ReturnNode(PyExpr? value, int start)
    {
        var s = SpanFrom(start);
        return new PyReturn { Value = value, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyIf IfNode(PyExpr test, IReadOnlyList<PyStmt> body, IReadOnlyList<PyStmt> orElse, int start)
    {
        var s = SpanFrom(start);
        return new PyIf { Test = test, Body = body, OrElse = orElse, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }

    private PyCompound CompoundNode(string keyword, IReadOnlyList<PyExpr> headers, IReadOnlyList<IReadOnlyList<PyStmt>> blocks,
        IReadOnlyList<string> blockKinds, int start)
    {
        var s = SpanFrom(start);
        return new PyCompound
        {
            Keyword = keyword, Headers = headers, Blocks = blocks, BlockKinds = blockKinds,
            Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End,
        };
    }

    private PySimpleStmt SimpleNode(string keyword, IReadOnlyList<PyExpr> expressions, int start)
    {
        var s = SpanFrom(start);
        return new PySimpleStmt { Keyword = keyword, Expressions = expressions, Line = s.Line, Column = s.Column, EndLine = s.EndLine, EndColumn = s.EndColumn, Start = s.Start, End = s.End };
    }
}
