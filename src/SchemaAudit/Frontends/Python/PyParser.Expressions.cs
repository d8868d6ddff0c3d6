namespace SchemaAudit.Frontends.Python;

// Expressions above the primaries: lambda, conditional, walrus, yield, starred, tuples without
// parentheses, and the binary/unary operators by precedence climbing.
public sealed partial class PyParser
{
    private const int PrecOr = 1;
    private const int PrecAnd = 2;
    private const int PrecNot = 3;
    private const int PrecComparison = 4;
    private const int PrecBitOr = 5;
    private const int PrecUnary = 11;
    private const int PrecPower = 12;

    /// <summary><c>test</c>: a lambda, or an or-test with an optional <c>if ... else ...</c>.</summary>
    private PyExpr ParseTest()
    {
        if (!TryEnter()) return MissingExpression();
        var result = ParseTestCore();
        Exit();
        return result;
    }

    private PyExpr ParseTestCore()
    {
        if (Kind == PyTokenKind.Lambda) return ParseLambda();
        var start = Current.Start;
        var body = ParseBinary(PrecOr);

        // `a if b else c if d else e` nests to the right; read the chain in a loop so that a long
        // chain costs no stack, then build the nodes from the innermost out.
        List<(int Start, PyExpr Body, PyExpr Test)>? pending = null;
        while (Kind == PyTokenKind.If && !_inPattern && TryEnter()) // in a case clause, `if` starts the guard
        {
            Advance();
            var test = ParseBinary(PrecOr);
            (pending ??= []).Add((start, body, test));
            if (!Expect(PyTokenKind.Else, "'else'"))
            {
                body = MissingExpression();
                break;
            }
            if (Kind == PyTokenKind.Lambda)
            {
                body = ParseLambda();
                break;
            }
            start = Current.Start;
            body = ParseBinary(PrecOr);
        }
        if (pending is not null)
        {
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                body = ConditionalNode(pending[i].Body, pending[i].Test, body, pending[i].Start);
                Exit();
            }
            start = pending[0].Start;
        }

        if (_inPattern && Kind == PyTokenKind.As)
        {
            Advance();
            var name = ExpectNameNode();
            body = OtherNode("as", [body, name], start);
        }
        return body;
    }

    /// <summary>An expression that may be a walrus <c>name := value</c> (kept as <see cref="PyOtherExpr"/> "walrus").</summary>
    private PyExpr ParseNamed()
    {
        if (Kind != PyTokenKind.Name || PeekKind(1) != PyTokenKind.ColonEqual) return ParseTest();
        var start = Current.Start;
        var target = NameNode(Advance().Value ?? "", start);
        Advance(); // :=
        var value = ParseTest();
        return OtherNode("walrus", [target, value], start);
    }

    private PyExpr ParseStarTest() => Kind == PyTokenKind.Star ? ParseStarred() : ParseTest();

    private PyExpr ParseStarNamed() => Kind == PyTokenKind.Star ? ParseStarred() : ParseNamed();

    private PyExpr ParseStarred()
    {
        var start = Advance().Start; // *
        return StarredNode(ParseBinary(PrecBitOr), 1, start);
    }

    /// <summary>Comma-separated expressions: a bare tuple when there is a comma (<c>return a, b</c>).</summary>
    private PyExpr ParseStarExpressions()
    {
        var start = Current.Start;
        var first = ParseStarNamed();
        if (Kind != PyTokenKind.Comma) return first;
        var items = new List<PyExpr> { first };
        while (Accept(PyTokenKind.Comma) && CanStartExpression(Kind)) items.Add(ParseStarNamed());
        return TupleNode(items, start);
    }

    private PyExpr ParseStarExpressionsOrYield() => Kind == PyTokenKind.Yield ? ParseYield() : ParseStarExpressions();

    /// <summary><c>yield</c>, <c>yield x</c>, <c>yield from x</c>: a <see cref="PyOtherExpr"/> "yield" / "yield from".</summary>
    private PyOtherExpr ParseYield()
    {
        var start = Advance().Start;
        if (Accept(PyTokenKind.From)) return OtherNode("yield from", [ParseTest()], start);
        return CanStartExpression(Kind) ? OtherNode("yield", [ParseStarExpressions()], start) : OtherNode("yield", [], start);
    }

    /// <summary>Assignment targets in <c>for</c> and comprehensions: stops before <c>in</c>.</summary>
    private PyExpr ParseTargetList()
    {
        var start = Current.Start;
        var first = ParseTarget();
        if (Kind != PyTokenKind.Comma) return first;
        var items = new List<PyExpr> { first };
        while (Accept(PyTokenKind.Comma) && CanStartExpression(Kind) && Kind != PyTokenKind.In) items.Add(ParseTarget());
        return TupleNode(items, start);
    }

    private PyExpr ParseTarget() => Kind == PyTokenKind.Star ? ParseStarred() : ParseBinary(PrecBitOr);

    private PyExpr ParseLambda()
    {
        if (!TryEnter()) return MissingExpression();
        var start = Advance().Start; // lambda
        var parameters = ParseParameters(PyTokenKind.Colon, allowAnnotations: false);
        var body = Expect(PyTokenKind.Colon, "':'") ? ParseTest() : MissingExpression();
        Exit();
        return LambdaNode(parameters, body, start);
    }

    /// <summary>Precedence climbing over every binary operator whose precedence is at least <paramref name="minPrecedence"/>.</summary>
    private PyExpr ParseBinary(int minPrecedence)
    {
        if (!TryEnter()) return MissingExpression();
        var start = Current.Start;
        var left = ParseUnary(minPrecedence);
        while (true)
        {
            var (precedence, op, tokens) = BinaryOperator();
            if (precedence == 0 || precedence < minPrecedence) break;
            for (var i = 0; i < tokens; i++) Advance();
            // ** is right-associative and binds its right operand as a unary expression (2 ** -1).
            var right = ParseBinary(precedence == PrecPower ? PrecUnary : precedence + 1);
            left = BinaryNode(left, op, right, start);
        }
        Exit();
        return left;
    }

    private PyExpr ParseUnary(int minPrecedence)
    {
        switch (Kind)
        {
            case PyTokenKind.Not when minPrecedence <= PrecNot:
                return ParsePrefixChain(PrecComparison);
            case PyTokenKind.Minus or PyTokenKind.Plus or PyTokenKind.Tilde:
                return ParsePrefixChain(PrecPower);
            case PyTokenKind.Await:
                var start = Advance().Start;
                return UnaryNode("await", ParsePrimary(), start);
            default:
                return ParsePrimary();
        }
    }

    /// <summary>
    /// A run of prefix operators (<c>not not x</c>, <c>- - ~x</c>) read in a loop so that a long run costs
    /// no stack. <c>not</c> applies to a comparison; <c>-</c>, <c>+</c>, <c>~</c> to a power (<c>-2 ** 2</c> is <c>-(2 ** 2)</c>).
    /// </summary>
    private PyExpr ParsePrefixChain(int operandPrecedence)
    {
        var isNot = Kind == PyTokenKind.Not;
        var operators = new List<(string Op, int Start)>();
        // Each operator still counts as a level of nesting, so no consumer of the tree meets an absurd depth.
        while ((isNot ? Kind == PyTokenKind.Not : Kind is PyTokenKind.Minus or PyTokenKind.Plus or PyTokenKind.Tilde) && TryEnter())
        {
            var token = Advance();
            operators.Add((token.Kind switch { PyTokenKind.Not => "not", PyTokenKind.Minus => "-", PyTokenKind.Plus => "+", _ => "~" }, token.Start));
        }
        var operand = ParseBinary(operandPrecedence);
        for (var i = operators.Count - 1; i >= 0; i--)
        {
            operand = UnaryNode(operators[i].Op, operand, operators[i].Start);
            Exit();
        }
        return operand;
    }

    /// <summary>The binary operator at the cursor: its precedence (0 when none), its text and how many tokens it spans.</summary>
    private (int Precedence, string Op, int Tokens) BinaryOperator() => Kind switch
    {
        PyTokenKind.Or => (PrecOr, "or", 1),
        PyTokenKind.And => (PrecAnd, "and", 1),
        PyTokenKind.Less => (PrecComparison, "<", 1),
        PyTokenKind.Greater => (PrecComparison, ">", 1),
        PyTokenKind.EqualEqual => (PrecComparison, "==", 1),
        PyTokenKind.GreaterEqual => (PrecComparison, ">=", 1),
        PyTokenKind.LessEqual => (PrecComparison, "<=", 1),
        PyTokenKind.NotEqual => (PrecComparison, "!=", 1),
        PyTokenKind.In => (PrecComparison, "in", 1),
        PyTokenKind.Not when PeekKind(1) == PyTokenKind.In => (PrecComparison, "not in", 2),
        PyTokenKind.Is when PeekKind(1) == PyTokenKind.Not => (PrecComparison, "is not", 2),
        PyTokenKind.Is => (PrecComparison, "is", 1),
        PyTokenKind.Pipe => (PrecBitOr, "|", 1),
        PyTokenKind.Caret => (6, "^", 1),
        PyTokenKind.Ampersand => (7, "&", 1),
        PyTokenKind.LeftShift => (8, "<<", 1),
        PyTokenKind.RightShift => (8, ">>", 1),
        PyTokenKind.Plus => (9, "+", 1),
        PyTokenKind.Minus => (9, "-", 1),
        PyTokenKind.Star => (10, "*", 1),
        PyTokenKind.Slash => (10, "/", 1),
        PyTokenKind.DoubleSlash => (10, "//", 1),
        PyTokenKind.Percent => (10, "%", 1),
        PyTokenKind.At => (10, "@", 1),
        PyTokenKind.DoubleStar => (PrecPower, "**", 1),
        _ => (0, "", 0),
    };

    private static bool CanStartExpression(PyTokenKind kind) => kind is PyTokenKind.Name or PyTokenKind.Number
        or PyTokenKind.String or PyTokenKind.LeftParen or PyTokenKind.LeftBracket or PyTokenKind.LeftBrace
        or PyTokenKind.Minus or PyTokenKind.Plus or PyTokenKind.Tilde or PyTokenKind.Star or PyTokenKind.DoubleStar
        or PyTokenKind.Not or PyTokenKind.Lambda or PyTokenKind.Await or PyTokenKind.Yield
        or PyTokenKind.True or PyTokenKind.False or PyTokenKind.None or PyTokenKind.Ellipsis;
}
