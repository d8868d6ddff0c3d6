using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Tests.Python;

/// <summary>Broken input yields diagnostics at the right place, and the valid parts still parse.</summary>
public sealed class PyParserRecoveryTests
{
    private static PyModule Parse(string source)
    {
        var module = PyTree.Parse(source);
        Assert.Null(PyTree.FindViolation(module));
        return module;
    }

    private static string Diagnostic(PyModule module) => Assert.Single(module.Diagnostics).ToString();

    [Fact]
    public void Missing_closing_parenthesis_keeps_the_rest_of_the_class()
    {
        const string source =
            "class User(Base):\n" +
            "    __tablename__ = 'users'\n" +
            "    id = Column(Integer, primary_key=True\n" +
            "    name = Column(String(50))\n" +
            "    email = Column(String, unique=True)\n";
        var module = Parse(source);
        Assert.Equal("models.py:3:42: error: expected ')', found newline", Diagnostic(module));
        var cls = Assert.IsType<PyClassDef>(Assert.Single(module.Body));
        Assert.Equal(["__tablename__", "id", "name", "email"], cls.Body.Cast<PyAssign>().Select(a => module.TextOf(a.Targets[0])));
        var id = (PyCall)((PyAssign)cls.Body[1]).Value;
        Assert.Equal("primary_key", id.Args[1].Name);
    }

    [Fact]
    public void Syntax_error_in_one_line_skips_only_that_statement()
    {
        const string source =
            "class Order(Base):\n" +
            "    id = Column(Integer primary_key=True)\n" +
            "    total = Column(Numeric(10, 2))\n";
        var module = Parse(source);
        Assert.Equal("models.py:2:25: error: expected ')', found name 'primary_key'", Diagnostic(module));
        var cls = Assert.IsType<PyClassDef>(Assert.Single(module.Body));
        Assert.Equal(2, cls.Body.Count);
        Assert.Equal("total = Column(Numeric(10, 2))", module.TextOf(cls.Body[1]));
    }

    [Fact]
    public void Missing_expression_becomes_an_error_node()
    {
        var module = Parse("x = \ny = 2\n");
        Assert.Equal("models.py:1:5: error: expected expression, found newline", Diagnostic(module));
        var assign = Assert.IsType<PyAssign>(module.Body[0]);
        Assert.IsType<PyErrorExpr>(assign.Value);
        Assert.IsType<PyAssign>(module.Body[1]);
    }

    [Fact]
    public void Missing_colon_after_class_header()
    {
        var module = Parse("class A(Base)\n    x = 1\n");
        Assert.Equal("models.py:1:14: error: expected ':', found newline", Diagnostic(module));
        var cls = Assert.IsType<PyClassDef>(Assert.Single(module.Body));
        Assert.IsType<PyAssign>(Assert.Single(cls.Body));
    }

    [Fact]
    public void Missing_indented_block()
    {
        var module = Parse("def f():\nx = 1\n");
        Assert.Equal("models.py:2:1: error: expected an indented block, found name 'x'", Diagnostic(module));
        Assert.Equal(2, module.Body.Count);
    }

    [Fact]
    public void Unexpected_indent_keeps_the_statements()
    {
        var module = Parse("a = 1\n    b = 2\nc = 3\n");
        Assert.Equal("models.py:2:5: error: unexpected indent", Diagnostic(module));
        Assert.Equal(3, module.Body.Count);
    }

    [Fact]
    public void Unterminated_string_in_a_class_body()
    {
        var module = Parse("class A(Base):\n    __tablename__ = 'a\n    id = Column(Integer)\n");
        Assert.Equal("models.py:2:21: error: unterminated string literal", Diagnostic(module));
        Assert.Equal(2, ((PyClassDef)module.Body[0]).Body.Count);
    }

    [Fact]
    public void Stray_closing_bracket()
    {
        var module = Parse("x = f(a))\ny = 1\n");
        Assert.Equal("models.py:1:9: error: expected newline, found ')'", Diagnostic(module));
        Assert.Equal(2, module.Body.Count);
    }

    [Fact]
    public void Decorator_without_definition()
    {
        var module = Parse("@decorator\nx = 1\n");
        Assert.Equal("models.py:2:1: error: expected 'def' or 'class' after decorator, found name 'x'", Diagnostic(module));
        Assert.IsType<PyAssign>(Assert.Single(module.Body));
    }

    [Fact]
    public void Try_without_handler()
    {
        var module = Parse("try:\n    pass\nx = 1\n");
        Assert.Equal("models.py:3:1: error: expected 'except' or 'finally', found name 'x'", Diagnostic(module));
        Assert.Equal(2, module.Body.Count);
    }

    [Fact]
    public void Keyword_in_expression_position()
    {
        var module = Parse("x = class\ny = 2\n");
        Assert.Equal("models.py:1:5: error: expected expression, found 'class'", Diagnostic(module));
        Assert.Equal(2, module.Body.Count);
    }

    [Fact]
    public void Missing_name_after_as_stays_inside_its_statement()
    {
        // Found by the fuzzer: the empty name used to be placed after the end of its parent.
        var module = Parse("try:\n    pass\nexcept* (ValueError, TypeError) as :\n    pass\n");
        Assert.Equal("models.py:3:36: error: expected name, found ':'", Diagnostic(module));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    [InlineData("# only a comment")]
    [InlineData("\uFEFF")]
    public void Empty_input_is_an_empty_module(string source)
    {
        var module = Parse(source);
        Assert.Empty(module.Body);
        Assert.Empty(module.Diagnostics);
    }

    [Theory]
    [InlineData("class User(Base):\n    id = Column(Integer, prim")]
    [InlineData("class User(Base):\n    id = Column(")]
    [InlineData("class User(Base):\n    id: Mapped[")]
    [InlineData("class User(Base):\n    def f(self, a=")]
    [InlineData("class User(")]
    [InlineData("from sqlalchemy import (Column,")]
    [InlineData("x = {'a': ")]
    [InlineData("x = f'{")]
    [InlineData("@")]
    [InlineData("if x:")]
    [InlineData("lambda")]
    [InlineData("x[1:")]
    [InlineData("try:\n    pass\nexcept")]
    public void Truncated_input_reports_a_diagnostic_and_keeps_what_came_before(string source)
    {
        var module = Parse("import os\n" + source);
        Assert.NotEmpty(module.Diagnostics);
        Assert.IsType<PyImport>(module.Body[0]);
        Assert.All(module.Diagnostics, d => Assert.True(d.Span.Line >= 2, d.ToString()));
    }

    [Fact]
    public void Deep_nesting_gives_one_diagnostic_not_a_stack_overflow()
    {
        var source = "x = " + new string('(', 10_000) + "1" + new string(')', 10_000) + "\ny = 2\n";
        var module = Parse(source);
        Assert.Contains("too deeply nested", Diagnostic(module), StringComparison.Ordinal);
        Assert.IsType<PyAssign>(module.Body[^1]);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("{")]
    [InlineData("-")]
    [InlineData("not ")]
    [InlineData("lambda: ")]
    [InlineData("a if b else ")]
    [InlineData("a ** ")]
    [InlineData("await ")]
    [InlineData("f(")]
    [InlineData("x.y[")]
    [InlineData("*")]
    public void Deep_nesting_of_every_recursive_form_is_guarded(string unit)
    {
        var source = "x = " + string.Concat(Enumerable.Repeat(unit, 20_000)) + "1\n";
        var module = Parse(source);
        Assert.NotEmpty(module.Diagnostics);
    }

    [Fact]
    public void Deep_indentation_is_reported_once()
    {
        var source = string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "if x:\n")) + new string(' ', 300) + "pass\n";
        var module = Parse(source);
        Assert.Single(module.Diagnostics, d => d.Message.Contains("too many levels of indentation", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasonable_nesting_parses_cleanly()
    {
        PyTree.ParseClean("x = " + new string('(', 100) + "1" + new string(')', 100) + "\n");
        PyTree.ParseClean("x = " + new string('[', 100) + new string(']', 100) + "\n");
    }

    [Fact]
    public void Diagnostics_are_sorted_by_position_and_carry_the_path()
    {
        var module = PyParser.Parse("app/models/user.py", "a = $\nb = (\nc = 'x\n");
        Assert.All(module.Diagnostics, d => Assert.Equal("app/models/user.py", d.Span.Path));
        var lines = module.Diagnostics.Select(d => (d.Span.Line, d.Span.Column)).ToList();
        Assert.Equal(lines.Order().ToList(), lines);
    }
}
