using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Tests.Python;

public sealed class PyParserStatementTests
{
    [Fact]
    public void Imports_with_dotted_names_and_aliases()
    {
        var module = PyTree.ParseClean("import os, sqlalchemy.orm as orm\n");
        var import = Assert.IsType<PyImport>(Assert.Single(module.Body));
        Assert.Equal(new PyImportName("os", null, 1, 8), import.Names[0]);
        Assert.Equal(new PyImportName("sqlalchemy.orm", "orm", 1, 12), import.Names[1]);
        Assert.Equal("sqlalchemy", new PyImportName("sqlalchemy.orm", null, 1, 1).BoundName);
    }

    [Theory]
    [InlineData("from sqlalchemy import Column\n", "sqlalchemy", 0, "Column")]
    [InlineData("from . import models\n", "", 1, "models")]
    [InlineData("from ..base import Base as B\n", "base", 2, "Base")]
    [InlineData("from ...core.types import *\n", "core.types", 3, "*")]
    [InlineData("from .... import x\n", "", 4, "x")]
    public void From_imports_with_relative_levels(string source, string module, int level, string firstName)
    {
        var import = Assert.IsType<PyImportFrom>(Assert.Single(PyTree.ParseClean(source).Body));
        Assert.Equal(module, import.Module);
        Assert.Equal(level, import.Level);
        Assert.Equal(firstName, import.Names[0].Name);
    }

    [Fact]
    public void Parenthesised_from_import_with_trailing_comma()
    {
        var import = Assert.IsType<PyImportFrom>(Assert.Single(PyTree.ParseClean("from m import (\n    a,\n    b as c,\n)\n").Body));
        Assert.Equal(["a", "b"], import.Names.Select(n => n.Name));
        Assert.Equal("c", import.Names[1].AsName);
        Assert.Equal((3, 5), (import.Names[1].Line, import.Names[1].Column));
    }

    [Fact]
    public void Class_with_decorators_bases_keywords_and_docstring()
    {
        const string source = "@dataclass\n@registry.mapped\nclass Hero(SQLModel, Mixin, table=True, **opts):\n    \"\"\"A hero.\"\"\"\n    name: str\n";
        var module = PyTree.ParseClean(source);
        var cls = Assert.IsType<PyClassDef>(Assert.Single(module.Body));
        Assert.Equal("Hero", cls.Name);
        Assert.Equal(["dataclass", "registry.mapped"], cls.Decorators.Select(module.TextOf));
        Assert.Equal(["SQLModel", "Mixin", "table=True", "**opts"], cls.Bases.Select(module.TextOf));
        Assert.Equal("table", cls.Bases[2].Name);
        Assert.Equal(2, cls.Bases[3].Star);
        Assert.Equal("A hero.", cls.Docstring);
        Assert.Equal((3, 1), (cls.Line, cls.Column));
        Assert.Equal((5, 14), (cls.EndLine, cls.EndColumn));
        Assert.IsType<PyAnnAssign>(cls.Body[1]);
    }

    [Fact]
    public void One_line_class_body()
    {
        var module = PyTree.ParseClean("class A: pass\nclass B(A): x = 1; y = 2\n");
        Assert.IsType<PySimpleStmt>(Assert.Single(((PyClassDef)module.Body[0]).Body));
        Assert.Equal(2, ((PyClassDef)module.Body[1]).Body.Count);
    }

    [Fact]
    public void Function_parameters_of_every_kind()
    {
        const string source = "async def f(a, b: int = 1, /, c=2, *args: str, d, e: bool = False, **kw) -> list[int]:\n    '''Doc.'''\n    return a\n";
        var module = PyTree.ParseClean(source);
        var def = Assert.IsType<PyFunctionDef>(Assert.Single(module.Body));
        Assert.True(def.IsAsync);
        Assert.Equal("Doc.", def.Docstring);
        Assert.Equal("list[int]", module.TextOf(def.Returns!));
        Assert.Equal(["a", "b", "c", "args", "d", "e", "kw"], def.Parameters.Select(p => p.Name));
        Assert.Equal([true, true, false, false, false, false, false], def.Parameters.Select(p => p.IsPositionalOnly));
        Assert.Equal([false, false, false, false, true, true, true], def.Parameters.Select(p => p.IsKeywordOnly));
        Assert.Equal([0, 0, 0, 1, 0, 0, 2], def.Parameters.Select(p => p.Star));
        Assert.Equal("int", module.TextOf(def.Parameters[1].Annotation!));
        Assert.Equal("1", module.TextOf(def.Parameters[1].Default!));
        Assert.Equal("e: bool = False", module.TextOf(def.Parameters[5]));
        Assert.Equal((1, 1), (def.Line, def.Column));
    }

    [Fact]
    public void Bare_star_makes_later_parameters_keyword_only()
    {
        var def = (PyFunctionDef)PyTree.ParseClean("def f(self, *, max_len: int = 80): ...\n").Body[0];
        Assert.Equal(["self", "max_len"], def.Parameters.Select(p => p.Name));
        Assert.True(def.Parameters[1].IsKeywordOnly);
    }

    [Fact]
    public void Assignments_chained_tuple_annotated_and_augmented()
    {
        var module = PyTree.ParseClean("a = b = 1\nx, *y = 1, 2, 3\nz: Mapped[int] = mapped_column()\nw: int\nn **= 2\nm //= 3\n");
        var chained = Assert.IsType<PyAssign>(module.Body[0]);
        Assert.Equal(["a", "b"], chained.Targets.Select(module.TextOf));
        var tuple = Assert.IsType<PyAssign>(module.Body[1]);
        var target = Assert.IsType<PyTuple>(Assert.Single(tuple.Targets));
        Assert.IsType<PyStarred>(target.Elements[1]);
        Assert.Equal("1, 2, 3", module.TextOf(tuple.Value));
        var annotated = Assert.IsType<PyAnnAssign>(module.Body[2]);
        Assert.Equal("Mapped[int]", module.TextOf(annotated.Annotation));
        Assert.Equal("mapped_column()", module.TextOf(annotated.Value!));
        Assert.Null(Assert.IsType<PyAnnAssign>(module.Body[3]).Value);
        Assert.Equal("**=", Assert.IsType<PyAugAssign>(module.Body[4]).Op);
        Assert.Equal("//=", Assert.IsType<PyAugAssign>(module.Body[5]).Op);
    }

    [Fact]
    public void If_elif_else_nests_elif_in_or_else()
    {
        var module = PyTree.ParseClean("if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\n");
        var outer = Assert.IsType<PyIf>(Assert.Single(module.Body));
        var elif = Assert.IsType<PyIf>(Assert.Single(outer.OrElse));
        Assert.Equal("b", module.TextOf(elif.Test));
        Assert.Equal((3, 1), (elif.Line, elif.Column));
        Assert.Equal("x = 3", module.TextOf(Assert.Single(elif.OrElse)));
        Assert.Equal((6, 10), (outer.EndLine, outer.EndColumn));
    }

    [Fact]
    public void For_while_with_and_their_else_blocks()
    {
        var module = PyTree.ParseClean(
            "for i, (k, v) in enumerate(items):\n    pass\nelse:\n    done()\n" +
            "while n := next(it):\n    break\n" +
            "async with lock as l, open(p) as (a, b):\n    pass\n");
        var loop = Assert.IsType<PyCompound>(module.Body[0]);
        Assert.Equal("for", loop.Keyword);
        Assert.Equal(["i, (k, v)", "enumerate(items)"], loop.Headers.Select(module.TextOf));
        Assert.Equal(["body", "else"], loop.BlockKinds);
        var whileLoop = Assert.IsType<PyCompound>(module.Body[1]);
        Assert.Equal("walrus", Assert.IsType<PyOtherExpr>(whileLoop.Headers[0]).Kind);
        var with = Assert.IsType<PyCompound>(module.Body[2]);
        Assert.Equal("async with", with.Keyword);
        Assert.Equal(["lock as l", "open(p) as (a, b)"], with.Headers.Select(module.TextOf));
    }

    [Fact]
    public void Parenthesised_with_items()
    {
        var module = PyTree.ParseClean("with (\n    open('a') as a,\n    open('b'),\n):\n    pass\n");
        var with = Assert.IsType<PyCompound>(Assert.Single(module.Body));
        Assert.Equal(["open('a') as a", "open('b')"], with.Headers.Select(module.TextOf));
    }

    [Fact]
    public void Try_with_handlers_else_and_finally()
    {
        var module = PyTree.ParseClean(
            "try:\n    a()\nexcept (KeyError, ValueError) as e:\n    b()\nexcept Exception:\n    c()\nexcept:\n    raise\nelse:\n    d()\nfinally:\n    e()\n");
        var tryStmt = Assert.IsType<PyCompound>(Assert.Single(module.Body));
        Assert.Equal("try", tryStmt.Keyword);
        Assert.Equal(["body", "except", "except", "except", "else", "finally"], tryStmt.BlockKinds);
        var first = Assert.IsType<PyOtherExpr>(tryStmt.Headers[0]);
        Assert.Equal("except", first.Kind);
        Assert.Equal(["(KeyError, ValueError)", "e"], first.Children.Select(module.TextOf));
        Assert.Empty(Assert.IsType<PyOtherExpr>(tryStmt.Headers[2]).Children);
    }

    [Fact]
    public void Match_statement_with_patterns_and_guards()
    {
        var module = PyTree.ParseClean(
            "match command.split():\n    case [action, *rest] if rest:\n        pass\n    case Point(x=0) | {'k': v} as p:\n        pass\n    case _:\n        pass\n");
        var match = Assert.IsType<PyCompound>(Assert.Single(module.Body));
        Assert.Equal("match", match.Keyword);
        Assert.Equal(["case", "case", "case"], match.BlockKinds);
        Assert.Equal("command.split()", module.TextOf(match.Headers[0]));
        var firstCase = Assert.IsType<PyOtherExpr>(match.Headers[1]);
        Assert.Equal(["[action, *rest]", "rest"], firstCase.Children.Select(module.TextOf));
        var secondCase = Assert.IsType<PyOtherExpr>(match.Headers[2]);
        Assert.Equal("as", Assert.IsType<PyOtherExpr>(secondCase.Children[0]).Kind);
    }

    [Fact]
    public void Match_as_a_plain_name_is_not_a_statement()
    {
        var module = PyTree.ParseClean("match = re.match(p, s)\nmatch(x)\nmatch.group(1)\n");
        Assert.IsType<PyAssign>(module.Body[0]);
        Assert.IsType<PyExprStmt>(module.Body[1]);
        Assert.IsType<PyExprStmt>(module.Body[2]);
    }

    [Theory]
    [InlineData("pass\n", "pass", 0)]
    [InlineData("break\n", "break", 0)]
    [InlineData("continue\n", "continue", 0)]
    [InlineData("del a, b[0]\n", "del", 2)]
    [InlineData("global a, b\n", "global", 2)]
    [InlineData("nonlocal a\n", "nonlocal", 1)]
    [InlineData("raise\n", "raise", 0)]
    [InlineData("raise E('x') from err\n", "raise", 2)]
    [InlineData("assert x, 'message'\n", "assert", 2)]
    [InlineData("yield\n", "yield", 0)]
    [InlineData("yield a, b\n", "yield", 1)]
    [InlineData("yield from gen()\n", "yield from", 1)]
    [InlineData("type Point[T] = tuple[T, T]\n", "type", 2)]
    public void Simple_statements(string source, string keyword, int expressions)
    {
        var stmt = Assert.IsType<PySimpleStmt>(Assert.Single(PyTree.ParseClean(source).Body));
        Assert.Equal(keyword, stmt.Keyword);
        Assert.Equal(expressions, stmt.Expressions.Count);
    }

    [Fact]
    public void Type_as_a_name_stays_an_expression()
    {
        var module = PyTree.ParseClean("type = 1\ntype(x)\n");
        Assert.IsType<PyAssign>(module.Body[0]);
        Assert.IsType<PyExprStmt>(module.Body[1]);
    }

    [Fact]
    public void Semicolons_separate_statements_on_one_line()
    {
        var module = PyTree.ParseClean("a = 1; b = 2; c()\nd = 4;\n");
        Assert.Equal(4, module.Body.Count);
        Assert.Equal((1, 8), (module.Body[1].Line, module.Body[1].Column));
    }

    [Fact]
    public void Return_with_and_without_value()
    {
        var def = (PyFunctionDef)PyTree.ParseClean("def f():\n    if x:\n        return\n    return a, b\n").Body[0];
        Assert.Null(Assert.IsType<PyReturn>(Assert.Single(((PyIf)def.Body[0]).Body)).Value);
        Assert.IsType<PyTuple>(Assert.IsType<PyReturn>(def.Body[1]).Value);
    }

    [Fact]
    public void Module_docstring_and_comments()
    {
        var module = PyTree.ParseClean("\"\"\"Models.\"\"\"\n# schema-audit: ignore\nx = 1  # trailing\n");
        Assert.Equal("Models.", module.Docstring);
        Assert.Equal(2, module.Comments.Count);
    }

    [Fact]
    public void Statement_positions_match_text()
    {
        const string source = "class A(Base):\n    id = Column(\n        Integer,\n        primary_key=True,\n    )\n";
        var module = PyTree.ParseClean(source);
        var assign = Assert.IsType<PyAssign>(((PyClassDef)module.Body[0]).Body[0]);
        Assert.Equal("id = Column(\n        Integer,\n        primary_key=True,\n    )", module.TextOf(assign));
        Assert.Equal((2, 5, 5, 6), (assign.Line, assign.Column, assign.EndLine, assign.EndColumn));
        Assert.Equal("models.py", module.SpanOf(assign).Path);
    }
}
