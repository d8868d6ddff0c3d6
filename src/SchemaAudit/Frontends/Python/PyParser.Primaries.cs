using System.Text;

namespace SchemaAudit.Frontends.Python;

// Primaries (attribute access, calls, subscripts) and atoms: names, literals, displays, comprehensions.
public sealed partial class PyParser
{
    private PyExpr ParsePrimary()
    {
        if (!TryEnter()) return MissingExpression();
        var start = Current.Start;
        var expr = ParseAtom();
        while (true)
        {
            if (Kind == PyTokenKind.Dot)
            {
                Advance();
                var attr = ExpectName();
                expr = AttributeNode(expr, attr, start);
            }
            else if (Kind == PyTokenKind.LeftParen)
            {
                var args = ParseCallArguments();
                expr = CallNode(expr, args, start);
            }
            else if (Kind == PyTokenKind.LeftBracket)
            {
                var index = ParseSubscriptIndex();
                expr = SubscriptNode(expr, index, start);
            }
            else
            {
                break;
            }
        }
        Exit();
        return expr;
    }

    private PyExpr ParseAtom()
    {
        var token = Current;
        switch (token.Kind)
        {
            case PyTokenKind.Name:
                Advance();
                return NameNode(token.Value ?? "", token.Start);
            case PyTokenKind.Number:
                Advance();
                return NumberNode(_source.Substring(token.Start, token.Length), token.Start);
            case PyTokenKind.String:
                return ParseStrings();
            case PyTokenKind.True:
                Advance();
                return ConstantNode(PyConstantKind.True, token.Start);
            case PyTokenKind.False:
                Advance();
                return ConstantNode(PyConstantKind.False, token.Start);
            case PyTokenKind.None:
                Advance();
                return ConstantNode(PyConstantKind.None, token.Start);
            case PyTokenKind.Ellipsis:
                Advance();
                return ConstantNode(PyConstantKind.Ellipsis, token.Start);
            case PyTokenKind.LeftParen:
                return ParseParenthesised();
            case PyTokenKind.LeftBracket:
                return ParseListDisplay();
            case PyTokenKind.LeftBrace:
                return ParseDictOrSetDisplay();
            default:
                ErrorExpected("expression");
                return MissingExpression();
        }
    }

    /// <summary>Adjacent string literals form one <see cref="PyString"/> (<c>"a" "b"</c> is <c>"ab"</c>).</summary>
    private PyExpr ParseStrings()
    {
        var first = Advance();
        var prefix = PrefixOf(first);
        if (Kind != PyTokenKind.String) return StringNode(first.Value ?? "", prefix, first.Start);

        var value = new StringBuilder(first.Value);
        while (Kind == PyTokenKind.String)
        {
            var next = Advance();
            value.Append(next.Value);
            var nextPrefix = PrefixOf(next);
            if (nextPrefix.Contains('f') && !prefix.Contains('f')) prefix += "f";
        }
        return StringNode(value.ToString(), prefix, first.Start);
    }

    private string PrefixOf(PyToken token)
    {
        var length = 0;
        while (length < token.Length && _source[token.Start + length] is not ('\'' or '"')) length++;
        return length == 0 ? "" : _source.Substring(token.Start, length).ToLowerInvariant();
    }

    /// <summary><c>()</c>, <c>(x)</c> (the inner node), <c>(a, b)</c>, generator expressions and <c>(yield x)</c>.</summary>
    private PyExpr ParseParenthesised()
    {
        var start = Advance().Start; // (
        if (Accept(PyTokenKind.RightParen)) return TupleNode([], start);

        if (Kind == PyTokenKind.Yield)
        {
            var yield = ParseYield();
            Expect(PyTokenKind.RightParen, "')'");
            return yield;
        }

        var first = ParseStarNamed();
        if (IsComprehensionStart())
        {
            var clauses = ParseComprehensionClauses();
            Expect(PyTokenKind.RightParen, "')'");
            return ComprehensionNode("generator", first, clauses, start);
        }
        if (Kind != PyTokenKind.Comma)
        {
            Expect(PyTokenKind.RightParen, "')'");
            return first;
        }

        var items = new List<PyExpr> { first };
        while (Accept(PyTokenKind.Comma) && CanStartExpression(Kind)) items.Add(ParseStarNamed());
        Expect(PyTokenKind.RightParen, "')'");
        return TupleNode(items, start);
    }

    private PyExpr ParseListDisplay()
    {
        var start = Advance().Start; // [
        if (Accept(PyTokenKind.RightBracket)) return ListNode([], start);

        var first = ParseStarNamed();
        if (IsComprehensionStart())
        {
            var clauses = ParseComprehensionClauses();
            Expect(PyTokenKind.RightBracket, "']'");
            return ComprehensionNode("list", first, clauses, start);
        }

        var items = new List<PyExpr> { first };
        while (Accept(PyTokenKind.Comma) && CanStartExpression(Kind)) items.Add(ParseStarNamed());
        Expect(PyTokenKind.RightBracket, "']'");
        return ListNode(items, start);
    }

    /// <summary>
    /// Dicts (with <c>**mapping</c> entries), sets, and their comprehensions. A dict comprehension's
    /// element is a <see cref="PyOtherExpr"/> "key-value" with [key, value].
    /// </summary>
    private PyExpr ParseDictOrSetDisplay()
    {
        var start = Advance().Start; // {
        if (Accept(PyTokenKind.RightBrace)) return DictNode([], [], start);

        if (Kind != PyTokenKind.DoubleStar)
        {
            var firstStart = Current.Start;
            var first = ParseStarNamed();
            if (Kind != PyTokenKind.Colon) return ParseSetRest(first, start);

            Advance(); // :
            var firstValue = ParseTest();
            if (IsComprehensionStart())
            {
                var entry = OtherNode("key-value", [first, firstValue], firstStart);
                var clauses = ParseComprehensionClauses();
                Expect(PyTokenKind.RightBrace, "'}'");
                return ComprehensionNode("dict", entry, clauses, start);
            }
            return ParseDictRest(first, firstValue, start);
        }
        return ParseDictRest(null, null, start);
    }

    private PyExpr ParseSetRest(PyExpr first, int start)
    {
        if (IsComprehensionStart())
        {
            var clauses = ParseComprehensionClauses();
            Expect(PyTokenKind.RightBrace, "'}'");
            return ComprehensionNode("set", first, clauses, start);
        }
        var items = new List<PyExpr> { first };
        while (Accept(PyTokenKind.Comma) && CanStartExpression(Kind)) items.Add(ParseStarNamed());
        Expect(PyTokenKind.RightBrace, "'}'");
        return SetNode(items, start);
    }

    private PyExpr ParseDictRest(PyExpr? firstKey, PyExpr? firstValue, int start)
    {
        var keys = new List<PyExpr?>();
        var values = new List<PyExpr>();
        var needEntry = firstValue is null;
        if (firstValue is not null)
        {
            keys.Add(firstKey);
            values.Add(firstValue);
        }

        while (needEntry || (Accept(PyTokenKind.Comma) && Kind != PyTokenKind.RightBrace))
        {
            needEntry = false;
            if (Accept(PyTokenKind.DoubleStar))
            {
                keys.Add(null);
                values.Add(ParseBinary(PrecBitOr));
                continue;
            }
            if (!CanStartExpression(Kind)) break;
            var key = ParseTest();
            keys.Add(key);
            values.Add(Expect(PyTokenKind.Colon, "':'") ? ParseTest() : MissingExpression());
        }
        Expect(PyTokenKind.RightBrace, "'}'");
        return DictNode(keys, values, start);
    }

    private bool IsComprehensionStart() =>
        Kind == PyTokenKind.For || (Kind == PyTokenKind.Async && PeekKind(1) == PyTokenKind.For);

    /// <summary>
    /// The <c>for</c> / <c>if</c> clauses of a comprehension, as <see cref="PyOtherExpr"/>: "for" or "async for"
    /// with [target, iterable], "if" with [condition].
    /// </summary>
    private List<PyExpr> ParseComprehensionClauses()
    {
        var clauses = new List<PyExpr>();
        while (IsComprehensionStart())
        {
            var start = Current.Start;
            var isAsync = Accept(PyTokenKind.Async);
            Advance(); // for
            var target = ParseTargetList();
            var iterable = Expect(PyTokenKind.In, "'in'") ? ParseBinary(PrecOr) : MissingExpression();
            clauses.Add(OtherNode(isAsync ? "async for" : "for", [target, iterable], start));
            while (Kind == PyTokenKind.If)
            {
                var ifStart = Advance().Start;
                clauses.Add(OtherNode("if", [ParseBinary(PrecOr)], ifStart));
            }
        }
        return clauses;
    }

    /// <summary><c>[i]</c>, <c>[a, b]</c> (a tuple), slices (<see cref="PyOtherExpr"/> "slice" with [lower, upper, step]).</summary>
    private PyExpr ParseSubscriptIndex()
    {
        Advance(); // [
        var start = Current.Start;
        var first = ParseSliceItem();
        PyExpr index = first;
        if (Kind == PyTokenKind.Comma)
        {
            var items = new List<PyExpr> { first };
            while (Accept(PyTokenKind.Comma) && (CanStartExpression(Kind) || Kind == PyTokenKind.Colon)) items.Add(ParseSliceItem());
            index = TupleNode(items, start);
        }
        Expect(PyTokenKind.RightBracket, "']'");
        return index;
    }

    private PyExpr ParseSliceItem()
    {
        var start = Current.Start;
        PyExpr? lower = Kind == PyTokenKind.Colon ? null : ParseStarNamed();
        if (Kind != PyTokenKind.Colon) return lower ?? MissingExpression();

        Advance(); // :
        var upper = CanStartExpression(Kind) ? ParseTest() : ImplicitNone(_lastTokenEnd);
        PyExpr step = ImplicitNone(_lastTokenEnd);
        if (Accept(PyTokenKind.Colon) && CanStartExpression(Kind)) step = ParseTest();
        return OtherNode("slice", [lower ?? ImplicitNone(start), upper, step], start);
    }
}
