using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Tests.Python;

public sealed class PyParserExpressionTests
{
    /// <summary>Renders an expression with explicit parentheses, to check precedence and associativity.</summary>
    private static string Shape(PyExpr e) => e switch
    {
        PyName n => n.Id,
        PyNumber n => n.Text,
        PyString s => $"'{s.Value}'",
        PyConstant c => c.Kind.ToString(),
        PyBinary b => $"({Shape(b.Left)} {b.Op} {Shape(b.Right)})",
        PyUnary u => $"({u.Op} {Shape(u.Operand)})",
        PyConditional c => $"({Shape(c.Body)} if {Shape(c.Test)} else {Shape(c.OrElse)})",
        PyAttribute a => $"{Shape(a.Value)}.{a.Attr}",
        PyCall c => $"{Shape(c.Func)}({string.Join(", ", c.Args.Select(a => (a.Star == 1 ? "*" : a.Star == 2 ? "**" : "") + (a.Name is null ? "" : a.Name + "=") + Shape(a.Value)))})",
        PySubscript s => $"{Shape(s.Value)}[{Shape(s.Index)}]",
        PyTuple t => $"<{string.Join(", ", t.Elements.Select(Shape))}>",
        PyList l => $"[{string.Join(", ", l.Elements.Select(Shape))}]",
        PySet s => $"set{{{string.Join(", ", s.Elements.Select(Shape))}}}",
        PyDict d => $"{{{string.Join(", ", d.Keys.Select((k, i) => (k is null ? "**" : Shape(k) + ": ") + Shape(d.Values[i])))}}}",
        PyStarred s => $"*{Shape(s.Value)}",
        PyLambda l => $"lambda({string.Join(", ", l.Parameters.Select(p => p.Name))}): {Shape(l.Body)}",
        PyComprehension c => $"{c.Kind}({Shape(c.Element)} {string.Join(" ", c.Clauses.Select(Shape))})",
        PyOtherExpr o => $"{o.Kind}({string.Join(", ", o.Children.Select(Shape))})",
        PyErrorExpr => "ERROR",
        _ => e.GetType().Name,
    };

    [Theory]
    [InlineData("a or b and c", "(a or (b and c))")]
    [InlineData("not a and b", "((not a) and b)")]
    [InlineData("not a == b", "(not (a == b))")]
    [InlineData("a < b <= c", "((a < b) <= c)")]
    [InlineData("a not in b", "(a not in b)")]
    [InlineData("a is not None", "(a is not None)")]
    [InlineData("a | b ^ c & d", "(a | (b ^ (c & d)))")]
    [InlineData("a << 1 + 2", "(a << (1 + 2))")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("a + b * c @ d // e % f", "(a + ((((b * c) @ d) // e) % f))")]
    [InlineData("-a ** -b", "(- (a ** (- b)))")]
    [InlineData("a ** b ** c", "(a ** (b ** c))")]
    [InlineData("~a + +b", "((~ a) + (+ b))")]
    [InlineData("await x ** 2", "((await x) ** 2)")]
    [InlineData("a if b else c if d else e", "(a if b else (c if d else e))")]
    [InlineData("lambda x, y=1: x + y", "lambda(x, y): (x + y)")]
    [InlineData("lambda: 0", "lambda(): 0")]
    [InlineData("a.b.c(d)[e]", "a.b.c(d)[e]")]
    [InlineData("f(a, *b, c=1, **d)", "f(a, *b, c=1, **d)")]
    [InlineData("f(x for x in y)", "f(generator(x for(x, y)))")]
    [InlineData("x[a, b]", "x[<a, b>]")]
    [InlineData("x[1:2, ::3]", "x[<slice(1, 2, None), slice(None, None, 3)>]")]
    [InlineData("x[:]", "x[slice(None, None, None)]")]
    [InlineData("(a, b)", "<a, b>")]
    [InlineData("(a,)", "<a>")]
    [InlineData("()", "<>")]
    [InlineData("(a)", "a")]
    [InlineData("[1, *rest]", "[1, *rest]")]
    [InlineData("{1, 2}", "set{1, 2}")]
    [InlineData("{}", "{}")]
    [InlineData("{'a': 1, **b}", "{'a': 1, **b}")]
    [InlineData("[x * 2 for x in xs if x if x > 1]", "list((x * 2) for(x, xs) if(x) if((x > 1)))")]
    [InlineData("{k: v for k, v in d}", "dict(key-value(k, v) for(<k, v>, d))")]
    [InlineData("{x async for x in y}", "set(x async for(x, y))")]
    [InlineData("[x for row in m for x in row]", "list(x for(row, m) for(x, row))")]
    [InlineData("(y := f(x))", "walrus(y, f(x))")]
    [InlineData("(yield x)", "yield(x)")]
    [InlineData("True, False, None, ...", "<True, False, None, Ellipsis>")]
    [InlineData("'a' \"b\" '''c'''", "'abc'")]
    public void Expression_shapes(string source, string expected)
    {
        Assert.Equal(expected, Shape(PyTree.Expr(source + "\n")));
    }

    [Fact]
    public void Keyword_argument_value_spans_the_right_text()
    {
        const string source = "x = mapped_column(String(50), nullable=False, server_default=text(\"'{}'::jsonb\"))\n";
        var module = PyTree.ParseClean(source);
        var call = Assert.IsType<PyCall>(((PyAssign)module.Body[0]).Value);
        var serverDefault = Assert.Single(call.Args, a => a.Name == "server_default");
        Assert.Equal("text(\"'{}'::jsonb\")", module.TextOf(serverDefault.Value));
        Assert.Equal("server_default=text(\"'{}'::jsonb\")", module.TextOf(serverDefault));
        Assert.Equal((1, 62), (serverDefault.Value.Line, serverDefault.Value.Column));
        Assert.Equal("'{}'::jsonb", Assert.IsType<PyString>(Assert.Single(((PyCall)serverDefault.Value).Args).Value).Value);
    }

    [Fact]
    public void Multi_line_call_positions()
    {
        const string source = "rel = relationship(\n    \"Comment\",\n    order_by=\"Comment.created_at.desc()\",\n)\n";
        var module = PyTree.ParseClean(source);
        var call = (PyCall)((PyAssign)module.Body[0]).Value;
        var orderBy = call.Args[1];
        Assert.Equal((3, 5, 3, 41), (orderBy.Line, orderBy.Column, orderBy.EndLine, orderBy.EndColumn));
        Assert.Equal((1, 7, 4, 2), (call.Line, call.Column, call.EndLine, call.EndColumn));
    }

    [Fact]
    public void Strings_keep_prefix_and_f_string_raw_text()
    {
        var f = Assert.IsType<PyString>(PyTree.Expr("F'{x!r:>10}'\n"));
        Assert.True(f.IsFString);
        Assert.Equal("f", f.Prefix);
        Assert.Equal("{x!r:>10}", f.Value);
        var bytes = Assert.IsType<PyString>(PyTree.Expr("Rb'\\d'\n"));
        Assert.True(bytes.IsBytes);
        Assert.Equal("rb", bytes.Prefix);
        var concatenated = Assert.IsType<PyString>(PyTree.Expr("'a' f'{b}'\n"));
        Assert.True(concatenated.IsFString);
        Assert.Equal("a{b}", concatenated.Value);
    }

    [Fact]
    public void Numbers_keep_their_text()
    {
        var tuple = Assert.IsType<PyTuple>(PyTree.Expr("0x_FF, 1_000, 1.5e-3j\n"));
        Assert.Equal(["0x_FF", "1_000", "1.5e-3j"], tuple.Elements.Cast<PyNumber>().Select(n => n.Text));
    }

    [Fact]
    public void Lambda_parameters_with_defaults_and_stars()
    {
        var lambda = Assert.IsType<PyLambda>(PyTree.Expr("lambda a, b=2, *args, c, **kw: a\n"));
        Assert.Equal(["a", "b", "args", "c", "kw"], lambda.Parameters.Select(p => p.Name));
        Assert.Equal([0, 0, 1, 0, 2], lambda.Parameters.Select(p => p.Star));
        Assert.True(lambda.Parameters[3].IsKeywordOnly);
    }

    [Fact]
    public void Parenthesised_expression_keeps_the_inner_span_and_tuple_the_outer()
    {
        var module = PyTree.ParseClean("x = (a + b)\ny = (a, b)\n");
        Assert.Equal("a + b", module.TextOf(((PyAssign)module.Body[0]).Value));
        Assert.Equal("(a, b)", module.TextOf(((PyAssign)module.Body[1]).Value));
    }

    [Fact]
    public void Every_node_of_the_fixtures_has_consistent_positions()
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(TestPaths.Fixtures, "python"), "*.py"))
        {
            var module = PyParser.Parse(Path.GetFileName(path), File.ReadAllText(path));
            Assert.True(module.Diagnostics.Count == 0, path + ":\n" + string.Join("\n", module.Diagnostics));
            Assert.Null(PyTree.FindViolation(module));
            foreach (var node in PyTree.All(module))
            {
                var text = module.TextOf(node);
                switch (node)
                {
                    case PyName name: Assert.Equal(name.Id, text); break;
                    case PyNumber number: Assert.Equal(number.Text, text); break;
                    case PyCall: Assert.EndsWith(")", text, StringComparison.Ordinal); break;
                    case PySubscript: Assert.EndsWith("]", text, StringComparison.Ordinal); break;
                    case PyArg { Name: { } keyword }: Assert.StartsWith(keyword, text, StringComparison.Ordinal); break;
                }
            }
        }
    }
}
