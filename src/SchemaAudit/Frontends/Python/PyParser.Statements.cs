namespace SchemaAudit.Frontends.Python;

// Statement dispatch, simple statements, imports and statement-level recovery.
public sealed partial class PyParser
{
    /// <summary>Parses one statement (or one line of simple statements) into <paramref name="body"/>; always consumes a token.</summary>
    private void ParseStatementInto(List<PyStmt> body)
    {
        var before = _pos;
        switch (Kind)
        {
            case PyTokenKind.Indent:
                ParseUnexpectedIndent(body);
                break;
            case PyTokenKind.Newline or PyTokenKind.Dedent:
                Advance(); // stray layout left by an earlier error
                break;
            case PyTokenKind.If or PyTokenKind.While or PyTokenKind.For or PyTokenKind.Try or PyTokenKind.With
                or PyTokenKind.Def or PyTokenKind.Class or PyTokenKind.At:
            case PyTokenKind.Async when PeekKind(1) is PyTokenKind.Def or PyTokenKind.For or PyTokenKind.With:
                body.Add(ParseCompoundStatement([]));
                break;
            case PyTokenKind.Name when IsName("match") && LooksLikeMatchStatement():
                body.Add(ParseMatch());
                break;
            default:
                ParseSimpleLine(body);
                break;
        }

        if (_pos == before)
        {
            ErrorExpected("statement");
            Advance();
        }
    }

    /// <summary>An indented block where none belongs: report it, then keep its statements at the current level.</summary>
    private void ParseUnexpectedIndent(List<PyStmt> body)
    {
        Error(Current.Start, "unexpected indent");
        Advance();
        if (!TryEnter())
        {
            SkipBlock();
            return;
        }
        while (Kind is not (PyTokenKind.Dedent or PyTokenKind.EndOfFile)) ParseStatementInto(body);
        Accept(PyTokenKind.Dedent);
        Exit();
    }

    /// <summary>Simple statements separated by <c>;</c>, up to the end of the logical line.</summary>
    private void ParseSimpleLine(List<PyStmt> body)
    {
        while (true)
        {
            body.Add(ParseSmallStatement());
            if (!Accept(PyTokenKind.Semicolon)) break;
            if (Kind is PyTokenKind.Newline or PyTokenKind.EndOfFile) break;
        }
        ExpectEndOfLine();
    }

    private void ExpectEndOfLine()
    {
        if (Accept(PyTokenKind.Newline) || Kind is PyTokenKind.EndOfFile or PyTokenKind.Dedent) return;
        ErrorExpected("newline");
        SkipToEndOfLine();
    }

    /// <summary>Statement-level resynchronisation: drop the rest of the logical line.</summary>
    private void SkipToEndOfLine()
    {
        while (Kind is not (PyTokenKind.Newline or PyTokenKind.EndOfFile)) Advance();
        Accept(PyTokenKind.Newline);
    }

    private PyStmt ParseSmallStatement()
    {
        var start = Current.Start;
        switch (Kind)
        {
            case PyTokenKind.Pass: Advance(); return SimpleNode("pass", [], start);
            case PyTokenKind.Break: Advance(); return SimpleNode("break", [], start);
            case PyTokenKind.Continue: Advance(); return SimpleNode("continue", [], start);
            case PyTokenKind.Return:
                Advance();
                var value = CanStartExpression(Kind) ? ParseStarExpressions() : null;
                return ReturnNode(value, start);
            case PyTokenKind.Import: return ParseImport();
            case PyTokenKind.From: return ParseFromImport();
            case PyTokenKind.Del:
                Advance();
                return SimpleNode("del", ParseExpressionList(), start);
            case PyTokenKind.Global or PyTokenKind.Nonlocal:
                return ParseNameListStatement();
            case PyTokenKind.Raise:
                return ParseRaise();
            case PyTokenKind.Assert:
                Advance();
                return SimpleNode("assert", ParseExpressionList(), start);
            case PyTokenKind.Yield:
                var yield = ParseYield();
                return SimpleNode(yield.Kind, yield.Children, start);
            case PyTokenKind.Name when IsName("type") && PeekKind(1) == PyTokenKind.Name && PeekKind(2) is PyTokenKind.Assign or PyTokenKind.LeftBracket:
                return ParseTypeAlias();
            default:
                return ParseExpressionStatement();
        }
    }

    /// <summary>Expression statements and every form of assignment.</summary>
    private PyStmt ParseExpressionStatement()
    {
        var start = Current.Start;
        var first = ParseStarExpressionsOrYield();

        if (Accept(PyTokenKind.Colon))
        {
            var annotation = ParseTest();
            var value = Accept(PyTokenKind.Assign) ? ParseStarExpressionsOrYield() : null;
            return AnnAssignNode(first, annotation, value, start);
        }

        if (Kind == PyTokenKind.Assign)
        {
            var targets = new List<PyExpr> { first };
            PyExpr value;
            while (true)
            {
                Advance();
                value = ParseStarExpressionsOrYield();
                if (Kind != PyTokenKind.Assign) break;
                targets.Add(value);
            }
            return AssignNode(targets, value, start);
        }

        if (AugmentedOperator(Kind) is { } op)
        {
            Advance();
            return AugAssignNode(first, op, ParseStarExpressionsOrYield(), start);
        }

        return ExprStmtNode(first, start);
    }

    private static string? AugmentedOperator(PyTokenKind kind) => kind switch
    {
        PyTokenKind.PlusEqual => "+=", PyTokenKind.MinusEqual => "-=", PyTokenKind.StarEqual => "*=",
        PyTokenKind.DoubleStarEqual => "**=", PyTokenKind.SlashEqual => "/=", PyTokenKind.DoubleSlashEqual => "//=",
        PyTokenKind.PercentEqual => "%=", PyTokenKind.AtEqual => "@=", PyTokenKind.PipeEqual => "|=",
        PyTokenKind.AmpersandEqual => "&=", PyTokenKind.CaretEqual => "^=", PyTokenKind.LeftShiftEqual => "<<=",
        PyTokenKind.RightShiftEqual => ">>=",
        _ => null,
    };

    private PyStmt ParseImport()
    {
        var start = Current.Start;
        Advance();
        var names = new List<PyImportName>();
        do
        {
            var nameToken = Current;
            var dotted = ParseDottedName();
            var asName = Accept(PyTokenKind.As) ? ExpectName() : null;
            names.Add(new PyImportName(dotted, asName, nameToken.Line, nameToken.Column));
        }
        while (Accept(PyTokenKind.Comma));
        return ImportNode(names, start);
    }

    private PyStmt ParseFromImport()
    {
        var start = Current.Start;
        Advance();
        var level = 0;
        while (Kind is PyTokenKind.Dot or PyTokenKind.Ellipsis) level += Advance().Length;
        var module = Kind == PyTokenKind.Name || level == 0 ? ParseDottedName() : "";
        Expect(PyTokenKind.Import, "'import'");

        var names = new List<PyImportName>();
        if (Kind == PyTokenKind.Star)
        {
            var star = Advance();
            names.Add(new PyImportName("*", null, star.Line, star.Column));
            return ImportFromNode(module, level, names, start);
        }

        var parenthesised = Accept(PyTokenKind.LeftParen);
        while (Kind == PyTokenKind.Name)
        {
            var nameToken = Advance();
            var asName = Accept(PyTokenKind.As) ? ExpectName() : null;
            names.Add(new PyImportName(nameToken.Value ?? "", asName, nameToken.Line, nameToken.Column));
            if (!Accept(PyTokenKind.Comma)) break;
        }
        if (names.Count == 0) ErrorExpected("name to import");
        if (parenthesised) Expect(PyTokenKind.RightParen, "')'");
        return ImportFromNode(module, level, names, start);
    }

    /// <summary><c>a.b.c</c> as one string ("" and a diagnostic when the name is missing).</summary>
    private string ParseDottedName()
    {
        var first = ExpectName();
        if (Kind != PyTokenKind.Dot) return first;
        var parts = new List<string> { first };
        while (Kind == PyTokenKind.Dot && PeekKind(1) == PyTokenKind.Name)
        {
            Advance();
            parts.Add(Advance().Value ?? "");
        }
        if (Kind == PyTokenKind.Dot)
        {
            Advance();
            ErrorExpected("name");
        }
        return string.Join('.', parts);
    }

    private PyStmt ParseNameListStatement()
    {
        var start = Current.Start;
        var keyword = Advance().Kind == PyTokenKind.Global ? "global" : "nonlocal";
        var names = new List<PyExpr>();
        do
        {
            names.Add(ExpectNameNode());
        }
        while (Accept(PyTokenKind.Comma));
        return SimpleNode(keyword, names, start);
    }

    private PyStmt ParseRaise()
    {
        var start = Current.Start;
        Advance();
        var expressions = new List<PyExpr>();
        if (CanStartExpression(Kind))
        {
            expressions.Add(ParseTest());
            if (Accept(PyTokenKind.From)) expressions.Add(ParseTest());
        }
        return SimpleNode("raise", expressions, start);
    }

    /// <summary><c>type Alias[T] = value</c> (PEP 695): kept as a simple statement with the name and the value.</summary>
    private PyStmt ParseTypeAlias()
    {
        var start = Current.Start;
        Advance();
        var nameStart = Current.Start;
        var name = NameNode(Advance().Value ?? "", nameStart);
        if (Kind == PyTokenKind.LeftBracket) SkipBracketed();
        Expect(PyTokenKind.Assign, "'='");
        return SimpleNode("type", [name, ParseTest()], start);
    }

    /// <summary>Comma-separated expressions without tuple packing (del, assert).</summary>
    private List<PyExpr> ParseExpressionList()
    {
        var items = new List<PyExpr> { ParseStarTest() };
        while (Accept(PyTokenKind.Comma) && CanStartExpression(Kind)) items.Add(ParseStarTest());
        return items;
    }

    /// <summary>Skips a bracketed group such as PEP 695 type parameters, staying on the logical line.</summary>
    private void SkipBracketed()
    {
        var depth = 0;
        do
        {
            if (Kind is PyTokenKind.LeftBracket or PyTokenKind.LeftParen or PyTokenKind.LeftBrace) depth++;
            else if (Kind is PyTokenKind.RightBracket or PyTokenKind.RightParen or PyTokenKind.RightBrace) depth--;
            Advance();
        }
        while (depth > 0 && Kind is not (PyTokenKind.Newline or PyTokenKind.EndOfFile));
    }
}
