namespace SchemaAudit.Frontends.Python;

// Compound statements: blocks, decorators, class, def, if, for, while, with, try, match.
public sealed partial class PyParser
{
    private PyStmt ParseCompoundStatement(List<PyExpr> decorators)
    {
        switch (Kind)
        {
            case PyTokenKind.At: return ParseDecorated();
            case PyTokenKind.Class: return ParseClass(decorators);
            case PyTokenKind.Def: return ParseFunction(decorators, Current.Start, isAsync: false);
            case PyTokenKind.If: return ParseIf();
            case PyTokenKind.While: return ParseWhile();
            case PyTokenKind.For: return ParseFor(Current.Start, isAsync: false);
            case PyTokenKind.With: return ParseWith(Current.Start, isAsync: false);
            case PyTokenKind.Try: return ParseTry();
            case PyTokenKind.Async:
                var start = Advance().Start;
                return Kind switch
                {
                    PyTokenKind.Def => ParseFunction(decorators, start, isAsync: true),
                    PyTokenKind.For => ParseFor(start, isAsync: true),
                    _ => ParseWith(start, isAsync: true),
                };
            default:
                var body = new List<PyStmt>();
                ParseSimpleLine(body);
                return body[0];
        }
    }

    /// <summary>The block after a compound header: an indented suite, or simple statements on the same line.</summary>
    private List<PyStmt> ParseBlock()
    {
        Expect(PyTokenKind.Colon, "':'");
        var body = new List<PyStmt>();
        if (!Accept(PyTokenKind.Newline))
        {
            if (Kind is PyTokenKind.EndOfFile or PyTokenKind.Indent or PyTokenKind.Dedent)
                ErrorExpected("an indented block");
            else
                ParseSimpleLine(body);
            return body;
        }

        if (Kind != PyTokenKind.Indent)
        {
            ErrorExpected("an indented block");
            return body;
        }
        Advance();
        if (!TryEnter())
        {
            SkipBlock();
            return body;
        }
        while (Kind is not (PyTokenKind.Dedent or PyTokenKind.EndOfFile)) ParseStatementInto(body);
        Accept(PyTokenKind.Dedent);
        Exit();
        return body;
    }

    /// <summary>Skips the rest of a block whose INDENT was just consumed, up to its matching DEDENT.</summary>
    private void SkipBlock()
    {
        var depth = 1;
        while (depth > 0 && Kind != PyTokenKind.EndOfFile)
        {
            if (Kind == PyTokenKind.Indent) depth++;
            else if (Kind == PyTokenKind.Dedent) depth--;
            Advance();
        }
    }

    private PyStmt ParseDecorated()
    {
        var decorators = new List<PyExpr>();
        while (Kind == PyTokenKind.At)
        {
            Advance();
            decorators.Add(ParseNamed());
            ExpectEndOfLine();
        }

        if (Kind is PyTokenKind.Class or PyTokenKind.Def || (Kind == PyTokenKind.Async && PeekKind(1) == PyTokenKind.Def))
            return ParseCompoundStatement(decorators);

        ErrorExpected("'def' or 'class' after decorator");
        var body = new List<PyStmt>();
        if (Kind is PyTokenKind.Dedent or PyTokenKind.EndOfFile)
            return ExprStmtNode(decorators[^1], decorators[^1].Start);
        ParseStatementInto(body);
        return body.Count > 0 ? body[0] : ExprStmtNode(decorators[^1], decorators[^1].Start);
    }

    private PyStmt ParseClass(List<PyExpr> decorators)
    {
        var start = Advance().Start;
        var name = ExpectName();
        if (Kind == PyTokenKind.LeftBracket) SkipBracketed(); // PEP 695 type parameters
        IReadOnlyList<PyArg> bases = Kind == PyTokenKind.LeftParen ? ParseCallArguments() : [];
        var body = ParseBlock();
        return ClassNode(name, bases, decorators, body, start);
    }

    private PyStmt ParseFunction(List<PyExpr> decorators, int start, bool isAsync)
    {
        Advance(); // def
        var name = ExpectName();
        if (Kind == PyTokenKind.LeftBracket) SkipBracketed();
        IReadOnlyList<PyParameter> parameters = [];
        if (Expect(PyTokenKind.LeftParen, "'('"))
        {
            parameters = ParseParameters(PyTokenKind.RightParen, allowAnnotations: true);
            Expect(PyTokenKind.RightParen, "')'");
        }
        var returns = Accept(PyTokenKind.Arrow) ? ParseTest() : null;
        var body = ParseBlock();
        return FunctionNode(name, parameters, decorators, body, returns, isAsync, start);
    }

    private PyStmt ParseIf()
    {
        var start = Advance().Start; // if / elif
        var test = ParseNamed();
        var body = ParseBlock();
        IReadOnlyList<PyStmt> orElse = [];
        if (Kind == PyTokenKind.Elif)
        {
            orElse = [ParseIf()];
        }
        else if (Kind == PyTokenKind.Else)
        {
            Advance();
            orElse = ParseBlock();
        }
        return IfNode(test, body, orElse, start);
    }

    private PyStmt ParseWhile()
    {
        var start = Advance().Start;
        var test = ParseNamed();
        var blocks = new List<IReadOnlyList<PyStmt>> { ParseBlock() };
        var kinds = new List<string> { "body" };
        ParseOptionalElse(blocks, kinds);
        return CompoundNode("while", [test], blocks, kinds, start);
    }

    private PyStmt ParseFor(int start, bool isAsync)
    {
        Advance(); // for
        var target = ParseTargetList();
        Expect(PyTokenKind.In, "'in'");
        var iterable = ParseStarExpressions();
        var blocks = new List<IReadOnlyList<PyStmt>> { ParseBlock() };
        var kinds = new List<string> { "body" };
        ParseOptionalElse(blocks, kinds);
        return CompoundNode(isAsync ? "async for" : "for", [target, iterable], blocks, kinds, start);
    }

    private void ParseOptionalElse(List<IReadOnlyList<PyStmt>> blocks, List<string> kinds)
    {
        if (!Accept(PyTokenKind.Else)) return;
        blocks.Add(ParseBlock());
        kinds.Add("else");
    }

    /// <summary>Headers are the context managers, each an <c>as</c> node (<see cref="PyOtherExpr"/> [expr, target]) when bound.</summary>
    private PyStmt ParseWith(int start, bool isAsync)
    {
        Advance(); // with
        var items = new List<PyExpr>();
        if (Kind == PyTokenKind.LeftParen && IsParenthesisedWithItems())
        {
            Advance();
            while (Kind != PyTokenKind.RightParen && CanStartExpression(Kind))
            {
                items.Add(ParseWithItem());
                if (!Accept(PyTokenKind.Comma)) break;
            }
            Expect(PyTokenKind.RightParen, "')'");
        }
        else
        {
            do items.Add(ParseWithItem());
            while (Accept(PyTokenKind.Comma));
        }
        var body = ParseBlock();
        return CompoundNode(isAsync ? "async with" : "with", items, [body], ["body"], start);
    }

    private PyExpr ParseWithItem()
    {
        var start = Current.Start;
        var context = ParseTest();
        if (!Accept(PyTokenKind.As)) return context;
        var target = ParseTarget();
        return OtherNode("as", [context, target], start);
    }

    /// <summary><c>with (a as b, c):</c> — the parenthesis closes right before the colon.</summary>
    private bool IsParenthesisedWithItems()
    {
        var depth = 0;
        for (var i = _pos; i < _count; i++)
        {
            var kind = _tokens[i].Kind;
            if (kind is PyTokenKind.LeftParen or PyTokenKind.LeftBracket or PyTokenKind.LeftBrace) depth++;
            else if (kind is PyTokenKind.RightParen or PyTokenKind.RightBracket or PyTokenKind.RightBrace) depth--;
            else if (kind is PyTokenKind.Newline or PyTokenKind.EndOfFile) return false;
            if (depth == 0) return i + 1 < _count && _tokens[i + 1].Kind == PyTokenKind.Colon;
        }
        return false;
    }

    /// <summary>
    /// Blocks in order: body, each except clause, else, finally (see <see cref="PyCompound.BlockKinds"/>).
    /// Each except clause adds a header <see cref="PyOtherExpr"/> "except"/"except*" with [type] or [type, name].
    /// </summary>
    private PyStmt ParseTry()
    {
        var start = Advance().Start;
        var headers = new List<PyExpr>();
        var blocks = new List<IReadOnlyList<PyStmt>> { ParseBlock() };
        var kinds = new List<string> { "body" };

        while (Kind == PyTokenKind.Except)
        {
            var clauseStart = Advance().Start;
            var kind = Accept(PyTokenKind.Star) ? "except*" : "except";
            var children = new List<PyExpr>();
            if (CanStartExpression(Kind))
            {
                var typeStart = Current.Start;
                var type = ParseTest();
                if (Kind == PyTokenKind.Comma)
                {
                    var types = new List<PyExpr> { type };
                    while (Accept(PyTokenKind.Comma) && CanStartExpression(Kind)) types.Add(ParseTest());
                    type = TupleNode(types, typeStart);
                }
                children.Add(type);
                if (Accept(PyTokenKind.As))
                {
                    children.Add(ExpectNameNode());
                }
            }
            headers.Add(OtherNode(kind, children, clauseStart));
            blocks.Add(ParseBlock());
            kinds.Add("except");
        }
        var hasHandlers = kinds.Count > 1;
        ParseOptionalElse(blocks, kinds);
        if (Accept(PyTokenKind.Finally))
        {
            blocks.Add(ParseBlock());
            kinds.Add("finally");
        }
        else if (!hasHandlers)
        {
            ErrorExpected("'except' or 'finally'");
        }
        return CompoundNode("try", headers, blocks, kinds, start);
    }

    /// <summary>
    /// <c>match</c> is a soft keyword: a statement starts with it only when the line ends with a colon
    /// and an indented block follows (so <c>match = re.match(...)</c> stays an assignment).
    /// </summary>
    private bool LooksLikeMatchStatement()
    {
        if (!CanStartExpression(PeekKind(1)) || PeekKind(1) is PyTokenKind.Star or PyTokenKind.DoubleStar) return false;
        for (var i = _pos + 1; i < _count; i++)
        {
            if (_tokens[i].Kind is PyTokenKind.Newline or PyTokenKind.EndOfFile)
                return _tokens[i - 1].Kind == PyTokenKind.Colon && i + 1 < _count && _tokens[i + 1].Kind == PyTokenKind.Indent;
        }
        return false;
    }

    /// <summary>Headers: the subject, then one "case" <see cref="PyOtherExpr"/> [pattern] or [pattern, guard] per case block.</summary>
    private PyStmt ParseMatch()
    {
        var start = Advance().Start;
        var headers = new List<PyExpr> { ParseStarExpressions() };
        var blocks = new List<IReadOnlyList<PyStmt>>();
        var kinds = new List<string>();
        Expect(PyTokenKind.Colon, "':'");
        if (Expect(PyTokenKind.Newline, "newline") && Expect(PyTokenKind.Indent, "an indented block"))
        {
            while (Kind is not (PyTokenKind.Dedent or PyTokenKind.EndOfFile))
            {
                if (!IsName("case"))
                {
                    ErrorExpected("'case'");
                    ParseStatementInto([]);
                    continue;
                }
                var caseStart = Advance().Start;
                var children = new List<PyExpr> { ParsePattern() };
                if (Accept(PyTokenKind.If)) children.Add(ParseNamed());
                headers.Add(OtherNode("case", children, caseStart));
                blocks.Add(ParseBlock());
                kinds.Add("case");
            }
            Accept(PyTokenKind.Dedent);
        }
        return CompoundNode("match", headers, blocks, kinds, start);
    }

    /// <summary>Patterns are read as expressions (class patterns as calls, <c>|</c> as binary or), plus <c>as</c> bindings.</summary>
    private PyExpr ParsePattern()
    {
        var saved = _inPattern;
        _inPattern = true;
        var pattern = ParseStarExpressions();
        _inPattern = saved;
        return pattern;
    }
}
