namespace SchemaAudit.Frontends.TypeScript;

// Expressions: precedence climbing for binary operators, member/call chains, literals,
// arrow functions (detected with the pre-matched brackets, so no deep backtracking).
public sealed partial class TsParser
{
    private TsExpr ParseExpression()
    {
        var start = _pos;
        var first = ParseAssignment();
        if (!AtPunct(",")) return first;
        var items = new List<TsExpr> { first };
        while (Accept(",")) items.Add(ParseAssignment());
        return Finish(new TsSequence { Expressions = items }, start);
    }

    private TsExpr ParseAssignment()
    {
        if (!Enter())
        {
            var start = _pos;
            SkipOne();
            return Finish(new TsErrorExpr(), start);
        }
        try
        {
            return ParseAssignmentCore();
        }
        finally
        {
            Exit();
        }
    }

    private TsExpr ParseAssignmentCore()
    {
        var start = _pos;
        if (AtIdentifier && Peek().Is("=>") && !IsReservedWord(Current.Value)) return ParseArrow(start, isAsync: false);
        if (At("async") && !Peek().NewLineBefore)
        {
            if (Peek().Kind == TsTokenKind.Identifier && Peek(2).Is("=>")) return ParseArrow(start, isAsync: true);
            if (Peek().Is("(") && IsArrowAhead(_pos + 1)) return ParseArrow(start, isAsync: true);
            if (Peek().Is("<")) { var arrow = TryParseGenericArrow(start, isAsync: true); if (arrow is not null) return arrow; }
        }
        if (AtPunct("(") && IsArrowAhead(_pos)) return ParseArrow(start, isAsync: false);
        if (AtPunct("<"))
        {
            var arrow = TryParseGenericArrow(start, isAsync: false);
            if (arrow is not null) return arrow;
        }

        var left = ParseConditional();
        if (Current.Kind == TsTokenKind.Punctuator && IsAssignmentOperator(Current.Value))
        {
            var op = Advance().Value;
            var value = ParseAssignment();
            return Finish(new TsAssignment { Target = left, Operator = op, Value = value }, start);
        }
        return left;
    }

    private static bool IsAssignmentOperator(string op) => op is "=" or "+=" or "-=" or "*=" or "/=" or "%=" or "**="
        or "<<=" or "&=" or "|=" or "^=" or "&&=" or "||=" or "??=";

    /// <summary>True when the parenthesis at <paramref name="open"/> holds arrow parameters: <c>(...) =&gt;</c> or <c>(...): T =&gt;</c>.</summary>
    private bool IsArrowAhead(int open)
    {
        var close = MatchOf(open);
        if (close < 0) return false;
        var next = _tokens[Math.Min(close + 1, _tokens.Count - 1)];
        if (next.Is("=>")) return true;
        if (!next.Is(":")) return false;
        var (savedPos, savedErrors) = (_pos, _errors.Count);
        _pos = close + 2;
        ParseType();
        var isArrow = AtPunct("=>") && _errors.Count == savedErrors;
        _pos = savedPos;
        _errors.RemoveRange(savedErrors, _errors.Count - savedErrors);
        return isArrow;
    }

    private TsExpr? TryParseGenericArrow(int start, bool isAsync)
    {
        var (savedPos, savedErrors) = (_pos, _errors.Count);
        if (isAsync) Advance();
        SkipTypeParameters();
        if (_errors.Count == savedErrors && AtPunct("(") && IsArrowAhead(_pos))
            return ParseArrowFromParameters(start, isAsync);
        _pos = savedPos;
        _errors.RemoveRange(savedErrors, _errors.Count - savedErrors);
        return null;
    }

    private TsFunctionExpr ParseArrow(int start, bool isAsync)
    {
        if (isAsync) Advance();
        if (AtIdentifier)
        {
            var nameStart = _pos;
            var name = Advance().Value;
            var parameter = Finish(new TsParameter { Pattern = Finish(new TsBindingName { Name = name }, nameStart) }, nameStart);
            return ParseArrowBody(start, [parameter], null, isAsync);
        }
        return ParseArrowFromParameters(start, isAsync);
    }

    private TsFunctionExpr ParseArrowFromParameters(int start, bool isAsync)
    {
        var parameters = ParseParameterList();
        TsType? returnType = null;
        if (Accept(":")) returnType = ParseReturnType();
        return ParseArrowBody(start, parameters, returnType, isAsync);
    }

    private TsFunctionExpr ParseArrowBody(int start, IReadOnlyList<TsParameter> parameters, TsType? returnType, bool isAsync)
    {
        Expect("=>");
        if (AtPunct("{"))
        {
            var block = ParseBlockBody();
            return Finish(new TsFunctionExpr { Parameters = parameters, BlockBody = block, IsArrow = true, IsAsync = isAsync, ReturnType = returnType }, start);
        }
        var body = ParseAssignment();
        return Finish(new TsFunctionExpr { Parameters = parameters, ExpressionBody = body, IsArrow = true, IsAsync = isAsync, ReturnType = returnType }, start);
    }

    private TsExpr ParseConditional()
    {
        var start = _pos;
        var test = ParseBinary(0);
        if (!AtPunct("?")) return test;
        Advance();
        var whenTrue = ParseAssignment();
        Expect(":");
        var whenFalse = ParseAssignment();
        return Finish(new TsConditional { Test = test, WhenTrue = whenTrue, WhenFalse = whenFalse }, start);
    }

    private TsExpr ParseBinary(int minPrecedence)
    {
        var start = _pos;
        var left = ParseUnary();
        while (true)
        {
            var (op, precedence, tokenCount) = BinaryOperatorAt();
            if (op is null || precedence < minPrecedence) return left;
            if (op is "as" or "satisfies")
            {
                Advance();
                var type = ParseType();
                left = Finish(new TsTypeAssertion { Expression = left, Type = type, IsSatisfies = op == "satisfies" }, start);
                continue;
            }
            _pos += tokenCount;
            var right = ParseBinary(op == "**" ? precedence : precedence + 1);
            left = Finish(new TsBinary { Left = left, Operator = op, Right = right }, start);
        }
    }

    /// <summary>The binary operator at the cursor, gluing adjacent <c>&gt;</c> tokens into <c>&gt;&gt;</c>, <c>&gt;&gt;&gt;</c>, <c>&gt;=</c>.</summary>
    private (string? Op, int Precedence, int Tokens) BinaryOperatorAt()
    {
        var t = Current;
        if (t.Kind == TsTokenKind.Identifier)
        {
            return t.Value switch
            {
                "instanceof" or "in" => (t.Value, 7, 1),
                "as" or "satisfies" when !t.NewLineBefore => (t.Value, 7, 1),
                _ => (null, 0, 0),
            };
        }
        if (t.Kind != TsTokenKind.Punctuator) return (null, 0, 0);
        if (t.Value == ">")
        {
            var count = 1;
            while (count < 3 && Adjacent(_pos + count - 1) && _tokens[_pos + count].Is(">")) count++;
            if (Adjacent(_pos + count - 1) && _tokens[_pos + count].Is("="))
                return count == 1 ? (">=", 7, 2) : (null, 0, 0); // `>>=` / `>>>=` assignments are not glued
            return count switch { 1 => (">", 7, 1), 2 => (">>", 8, 2), _ => (">>>", 8, 3) };
        }
        return t.Value switch
        {
            "??" or "||" => (t.Value, 1, 1),
            "&&" => (t.Value, 2, 1),
            "|" => (t.Value, 3, 1),
            "^" => (t.Value, 4, 1),
            "&" => (t.Value, 5, 1),
            "==" or "!=" or "===" or "!==" => (t.Value, 6, 1),
            "<" or "<=" => (t.Value, 7, 1),
            "<<" => (t.Value, 8, 1),
            "+" or "-" => (t.Value, 9, 1),
            "*" or "/" or "%" => (t.Value, 10, 1),
            "**" => (t.Value, 11, 1),
            _ => (null, 0, 0),
        };
    }

    private bool Adjacent(int index) => index + 1 < _tokens.Count && _tokens[index].End == _tokens[index + 1].Start;

    private TsExpr ParseUnary()
    {
        if (!Enter())
        {
            var s = _pos;
            SkipOne();
            return Finish(new TsErrorExpr(), s);
        }
        try
        {
            return ParseUnaryCore();
        }
        finally
        {
            Exit();
        }
    }

    private TsExpr ParseUnaryCore()
    {
        var start = _pos;
        var t = Current;
        var isPrefix = t.Kind == TsTokenKind.Punctuator
            ? t.Value is "!" or "~" or "+" or "-" or "++" or "--"
            : t.Kind == TsTokenKind.Identifier && (t.Value is "typeof" or "void" or "delete"
                || (t.Value is "await" or "yield" && StartsExpression(Peek()) && !Peek().NewLineBefore));
        if (isPrefix)
        {
            Advance();
            var operand = ParseUnary();
            return Finish(new TsUnary { Operator = t.Value, Operand = operand }, start);
        }
        if (AtPunct("<"))
        {
            // <T>expr type assertion (.ts files only: JSX is not supported)
            Advance();
            var type = ParseType();
            Expect(">");
            var operand = ParseUnary();
            return Finish(new TsTypeAssertion { Expression = operand, Type = type }, start);
        }
        var expression = ParseLeftHandSide(allowCalls: true);
        if ((AtPunct("++") || AtPunct("--")) && !Current.NewLineBefore)
        {
            var op = Advance().Value;
            return Finish(new TsUnary { Operator = op, Operand = expression, IsPostfix = true }, start);
        }
        return expression;
    }

    private static bool StartsExpression(TsToken t) => t.Kind switch
    {
        TsTokenKind.EndOfFile => false,
        TsTokenKind.Punctuator => t.Value is "(" or "[" or "{" or "!" or "~" or "+" or "-" or "++" or "--" or "<" or "/",
        _ => true,
    };

    private TsExpr ParseLeftHandSide(bool allowCalls)
    {
        var start = _pos;
        var expression = At("new") && !Peek().Is(".") ? ParseNew() : ParsePrimary();
        while (true)
        {
            var t = Current;
            if (t.Kind == TsTokenKind.Template)
            {
                var template = ParseTemplateLiteral();
                expression = Finish(new TsTaggedTemplate { Tag = expression, Template = template }, start);
                continue;
            }
            if (t.Kind != TsTokenKind.Punctuator) return expression;
            switch (t.Value)
            {
                case ".":
                    Advance();
                    expression = ParseMemberName(expression, start, optional: false);
                    continue;
                case "?.":
                    Advance();
                    if (AtPunct("(") && allowCalls)
                        expression = Finish(new TsCall { Callee = expression, Arguments = ParseArguments(), Optional = true }, start);
                    else if (AtPunct("["))
                        expression = ParseIndexAccess(expression, start, optional: true);
                    else if (AtPunct("<") && allowCalls && TryParseTypeArguments() is { } optionalTypeArgs && AtPunct("("))
                        expression = Finish(new TsCall { Callee = expression, Arguments = ParseArguments(), TypeArguments = optionalTypeArgs, Optional = true }, start);
                    else
                        expression = ParseMemberName(expression, start, optional: true);
                    continue;
                case "[":
                    expression = ParseIndexAccess(expression, start, optional: false);
                    continue;
                case "(" when allowCalls:
                    expression = Finish(new TsCall { Callee = expression, Arguments = ParseArguments() }, start);
                    continue;
                case "!" when !t.NewLineBefore:
                    Advance();
                    expression = Finish(new TsNonNull { Expression = expression }, start);
                    continue;
                case "<" when allowCalls:
                    var saved = _pos;
                    var typeArguments = TryParseTypeArguments();
                    if (typeArguments is not null && AtPunct("("))
                    {
                        expression = Finish(new TsCall { Callee = expression, Arguments = ParseArguments(), TypeArguments = typeArguments }, start);
                        continue;
                    }
                    if (typeArguments is not null && Current.Kind == TsTokenKind.Template)
                    {
                        var template = ParseTemplateLiteral();
                        expression = Finish(new TsTaggedTemplate { Tag = expression, Template = template, TypeArguments = typeArguments }, start);
                        continue;
                    }
                    _pos = saved;
                    return expression;
                default:
                    return expression;
            }
        }
    }

    private TsMember ParseMemberName(TsExpr target, int start, bool optional)
    {
        var nameStart = Current.Start;
        string name;
        if (Current.Kind is TsTokenKind.Identifier or TsTokenKind.PrivateName) name = Advance().Value;
        else
        {
            Error($"expected a property name after '.' but found {Describe(Current)}");
            name = "";
        }
        return Finish(new TsMember { Object = target, Name = name, Optional = optional, NameStart = nameStart }, start);
    }

    private TsIndexAccess ParseIndexAccess(TsExpr target, int start, bool optional)
    {
        var open = _pos;
        Advance();
        var index = ParseExpression();
        CloseAt(open, "]");
        return Finish(new TsIndexAccess { Object = target, Index = index, Optional = optional }, start);
    }

    /// <summary>Speculatively reads <c>&lt;T, U&gt;</c>; null (cursor unchanged, no errors kept) when it is not a type argument list.</summary>
    private List<TsType>? TryParseTypeArguments()
    {
        var (savedPos, savedErrors) = (_pos, _errors.Count);
        var result = ParseTypeArgumentList();
        if (_errors.Count == savedErrors) return result;
        _pos = savedPos;
        _errors.RemoveRange(savedErrors, _errors.Count - savedErrors);
        return null;
    }

    private TsNew ParseNew()
    {
        var start = _pos;
        Advance(); // new
        var callee = ParseLeftHandSide(allowCalls: false);
        if (AtPunct("<")) TryParseTypeArguments();
        var arguments = AtPunct("(") ? ParseArguments() : [];
        return Finish(new TsNew { Callee = callee, Arguments = arguments }, start);
    }

    private List<TsExpr> ParseArguments()
    {
        var arguments = new List<TsExpr>();
        ParseDelimited(")", () => arguments.Add(ParseSpreadOrAssignment()));
        return arguments;
    }

    private TsExpr ParseSpreadOrAssignment()
    {
        if (!AtPunct("...")) return ParseAssignment();
        var start = _pos;
        Advance();
        return Finish(new TsSpread { Argument = ParseAssignment() }, start);
    }

    /// <summary>
    /// A bracketed, comma-separated list starting at the opener under the cursor. Junk in an
    /// element is reported and skipped to the next comma; the pre-matched closer bounds the list.
    /// </summary>
    private void ParseDelimited(string closer, Action parseElement, Action? onHole = null)
    {
        var open = _pos;
        var close = MatchOf(open);
        Advance();
        bool AtClose() => close >= 0 ? _pos >= close : AtPunct(closer) || AtEnd;
        while (!AtEnd && !AtClose())
        {
            if (AtPunct(","))
            {
                if (onHole is null) Error($"expected an element before ','");
                else onHole();
                Advance();
                continue;
            }
            var before = _pos;
            parseElement();
            if (Accept(",") || AtClose()) continue;
            Error($"expected ',' or '{closer}' but found {Describe(Current)}");
            if (close < 0) break;
            while (!AtEnd && !AtClose() && !AtPunct(",")) SkipOne();
            if (_pos == before && !AtClose()) SkipOne();
        }
        CloseAt(open, closer);
    }

    private TsExpr ParsePrimary()
    {
        var start = _pos;
        var t = Current;
        switch (t.Kind)
        {
            case TsTokenKind.Identifier:
                return ParseWordExpression(start, t);
            case TsTokenKind.PrivateName:
                Advance();
                return Finish(new TsIdentifier { Name = t.Value }, start);
            case TsTokenKind.Number:
                Advance();
                return Finish(new TsNumberLiteral { Text = t.Value }, start);
            case TsTokenKind.String:
                Advance();
                return Finish(new TsStringLiteral { Value = t.Value }, start);
            case TsTokenKind.Regex:
                Advance();
                return Finish(new TsRegexLiteral { Text = t.Value }, start);
            case TsTokenKind.Template:
                return ParseTemplateLiteral();
        }
        if (t.Kind == TsTokenKind.Punctuator)
        {
            switch (t.Value)
            {
                case "(":
                    var open = _pos;
                    Advance();
                    var inner = ParseExpression();
                    CloseAt(open, ")");
                    return Finish(new TsParenthesized { Expression = inner }, start);
                case "[":
                    var elements = new List<TsExpr>();
                    ParseDelimited("]", () => elements.Add(ParseSpreadOrAssignment()),
                        () => elements.Add(Finish(new TsErrorExpr(), _pos)));
                    return Finish(new TsArrayLiteral { Elements = elements }, start);
                case "{":
                    var properties = new List<TsProperty>();
                    ParseDelimited("}", () => properties.Add(ParseObjectMember()));
                    return Finish(new TsObjectLiteral { Properties = properties }, start);
            }
        }
        Error($"expected an expression but found {Describe(t)}");
        if (!(t.Kind == TsTokenKind.EndOfFile || t.Kind == TsTokenKind.Punctuator && t.Value is ")" or "]" or "}" or ";" or "," or "=>" or ":"))
            Advance();
        return Finish(new TsErrorExpr(), start);
    }

    private TsExpr ParseWordExpression(int start, TsToken t)
    {
        switch (t.Value)
        {
            case "function":
                Advance();
                Accept("*");
                return ParseFunctionRest(start, AtIdentifier ? Advance().Value : null, isAsync: false, isArrow: false);
            case "async" when Peek().Is("function") && !Peek().NewLineBefore:
                Advance();
                Advance();
                Accept("*");
                return ParseFunctionRest(start, AtIdentifier ? Advance().Value : null, isAsync: true, isArrow: false);
            case "class":
                Advance();
                var name = AtIdentifier && !At("extends") && !At("implements") ? Advance().Value : null;
                SkipClassRest();
                return Finish(new TsClassExpr { Name = name }, start);
            case "true" or "false" or "null" or "undefined" or "this" or "super":
                Advance();
                return Finish(new TsKeywordLiteral { Keyword = t.Value }, start);
        }
        if (IsReservedWord(t.Value) && t.Value is not ("new" or "typeof" or "void" or "delete" or "import"))
        {
            Error($"expected an expression but found '{t.Value}'");
            return Finish(new TsErrorExpr(), start);
        }
        Advance();
        return Finish(new TsIdentifier { Name = t.Value }, start);
    }

    private TsProperty ParseObjectMember()
    {
        var start = _pos;
        if (AtPunct("..."))
        {
            Advance();
            var argument = ParseAssignment();
            return Finish(new TsProperty { Kind = TsPropertyKind.Spread, Value = argument }, start);
        }
        var kind = TsPropertyKind.Init;
        var isAsync = false;
        if ((At("get") || At("set") || At("async")) && StartsPropertyKey(Peek()) && !(At("async") && Peek().NewLineBefore))
        {
            kind = At("get") ? TsPropertyKind.Getter : At("set") ? TsPropertyKind.Setter : TsPropertyKind.Method;
            isAsync = At("async");
            Advance();
        }
        if (AtPunct("*"))
        {
            kind = TsPropertyKind.Method;
            Advance();
        }
        string? key = null;
        TsExpr? computed = null;
        var keyStart = _pos;
        var keyToken = Current;
        switch (keyToken.Kind)
        {
            case TsTokenKind.Identifier or TsTokenKind.PrivateName or TsTokenKind.String or TsTokenKind.Number:
                key = keyToken.Value;
                Advance();
                break;
            case TsTokenKind.Punctuator when keyToken.Value == "[":
                var open = _pos;
                Advance();
                computed = ParseAssignment();
                CloseAt(open, "]");
                break;
            default:
                Error($"expected a property but found {Describe(keyToken)}");
                if (!(keyToken.Kind == TsTokenKind.EndOfFile || keyToken.Kind == TsTokenKind.Punctuator && keyToken.Value is "}" or "," or ")" or "]"))
                    Advance();
                return Finish(new TsProperty { Kind = TsPropertyKind.Init, Key = "", Value = Finish(new TsErrorExpr(), start) }, start);
        }
        Accept("?");
        if (kind != TsPropertyKind.Init || AtPunct("(") || AtPunct("<"))
        {
            var method = ParseFunctionRest(keyStart, key, isAsync, isArrow: false);
            return Finish(new TsProperty { Kind = kind == TsPropertyKind.Init ? TsPropertyKind.Method : kind, Key = key, ComputedKey = computed, Value = method }, start);
        }
        if (Accept(":"))
        {
            var value = ParseAssignment();
            return Finish(new TsProperty { Kind = TsPropertyKind.Init, Key = key, ComputedKey = computed, Value = value }, start);
        }
        var shorthand = Finish(new TsIdentifier { Name = key ?? "" }, keyStart);
        if (keyToken.Kind != TsTokenKind.Identifier || computed is not null)
            Error(keyToken.Start, "expected ':' after a property name");
        if (AtPunct("="))
        {
            // `{ a = 1 }`: only valid as a destructuring pattern written as an object literal.
            Advance();
            var fallback = ParseAssignment();
            var assignment = Finish(new TsAssignment { Target = shorthand, Operator = "=", Value = fallback }, keyStart);
            return Finish(new TsProperty { Kind = TsPropertyKind.Shorthand, Key = key, Value = assignment }, start);
        }
        return Finish(new TsProperty { Kind = TsPropertyKind.Shorthand, Key = key, Value = shorthand }, start);
    }

    private static bool StartsPropertyKey(TsToken t) =>
        t.Kind is TsTokenKind.Identifier or TsTokenKind.String or TsTokenKind.Number or TsTokenKind.PrivateName
        || t.Is("[") || t.Is("*");

    /// <summary>A template literal token: its substitutions are lexed and parsed as expressions in place.</summary>
    private TsTemplate ParseTemplateLiteral()
    {
        var start = _pos;
        var token = Advance();
        var parts = token.TemplateIndex >= 0 ? _templates[token.TemplateIndex] : new TsTemplateParts([token.Value], []);
        var expressions = new List<TsExpr>(parts.Substitutions.Count);
        foreach (var (subStart, subEnd) in parts.Substitutions)
            expressions.Add(ParseSubstitution(subStart, subEnd));
        return Finish(new TsTemplate { Quasis = parts.Quasis, Expressions = expressions }, start);
    }

    private TsExpr ParseSubstitution(int start, int end)
    {
        if (_depth + 1 >= MaxDepth)
        {
            if (!_depthReported) Error(start, "nesting too deep: template substitution skipped");
            _depthReported = true;
            return new TsErrorExpr { Start = start, End = end };
        }
        var lexed = TsLexer.Lex(_source, start, end, _lines, _errors, []);
        var parser = new TsParser(_source, _lines, lexed, _errors, [], _depth + 1);
        var expression = parser.ParseExpression();
        if (!parser.AtEnd) parser.Error($"unexpected {Describe(parser.Current)} in template substitution");
        return expression;
    }
}
