namespace SchemaAudit.Frontends.TypeScript;

// Types (parsed to be skipped correctly, kept as text with their union members),
// type parameters, binding patterns and parameter lists.
public sealed partial class TsParser
{
    private TsType ParseReturnType() => ParseType();

    private TsType ParseType()
    {
        var start = _pos;
        var members = new List<string>();
        if (!Enter())
        {
            SkipOne();
            return Finish(new TsType { Text = TextFrom(start), UnionMembers = members }, start);
        }
        try
        {
            ParseTypeInto(members);
        }
        finally
        {
            Exit();
        }
        return Finish(new TsType { Text = TextFrom(start), UnionMembers = members }, start);
    }

    /// <summary>Source text from the token at <paramref name="startToken"/> to the last consumed token.</summary>
    private string TextFrom(int startToken)
    {
        if (_pos <= startToken) return "";
        var from = _tokens[startToken].Start;
        var to = _tokens[_pos - 1].End;
        return to > from ? _source[from..to] : "";
    }

    private void ParseTypeInto(List<string> members)
    {
        var start = _pos;
        if (IsFunctionTypeAhead())
        {
            if (At("abstract")) Advance();
            if (At("new")) Advance();
            if (AtPunct("<")) SkipTypeParameters();
            SkipOne(); // parameters
            Expect("=>");
            ParseType();
            members.Add(TextFrom(start));
            return;
        }
        Accept("|");
        do
        {
            var memberStart = _pos;
            ParseIntersectionType();
            members.Add(TextFrom(memberStart));
        } while (Accept("|"));
        if (At("extends") && !Current.NewLineBefore)
        {
            // conditional type: A extends B ? C : D
            Advance();
            ParseIntersectionType();
            Expect("?");
            ParseType();
            Expect(":");
            ParseType();
            members.Clear();
            members.Add(TextFrom(start));
        }
    }

    private bool IsFunctionTypeAhead()
    {
        if (At("new") || (At("abstract") && Peek().Is("new"))) return true;
        if (AtPunct("<")) return true; // generic function type
        if (!AtPunct("(")) return false;
        var close = MatchOf(_pos);
        return close > 0 && _tokens[Math.Min(close + 1, _tokens.Count - 1)].Is("=>");
    }

    private void ParseIntersectionType()
    {
        Accept("&");
        do ParseTypeOperator();
        while (Accept("&"));
    }

    private void ParseTypeOperator()
    {
        if ((At("keyof") || At("unique") || At("readonly")) && !Peek().Is(",") && !Peek().Is(">") && !Peek().Is(")"))
        {
            Advance();
            ParseTypeOperator();
            return;
        }
        if (At("infer") && Peek().Kind == TsTokenKind.Identifier)
        {
            Advance();
            Advance();
            if (At("extends") && !Peek().Is("?")) { Advance(); ParseTypeOperator(); }
            return;
        }
        ParsePrimaryType();
        while (AtPunct("[") && !Current.NewLineBefore) SkipOne(); // T[] and T[K]
    }

    private void ParsePrimaryType()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TsTokenKind.Identifier:
                if (t.Value == "typeof")
                {
                    Advance();
                    ParseTypeName();
                }
                else if (t.Value == "asserts" && Peek().Kind == TsTokenKind.Identifier && !Peek().NewLineBefore)
                {
                    Advance();
                    Advance();
                    if (At("is")) { Advance(); ParseType(); }
                    return;
                }
                else
                {
                    ParseTypeName();
                }
                if (AtPunct("<") && !Current.NewLineBefore) ParseTypeArgumentList();
                if (At("is") && !Current.NewLineBefore)
                {
                    Advance();
                    ParseType();
                }
                return;
            case TsTokenKind.String or TsTokenKind.Number or TsTokenKind.Template:
                Advance();
                return;
            case TsTokenKind.Punctuator:
                switch (t.Value)
                {
                    case "-" when Peek().Kind == TsTokenKind.Number:
                        Advance();
                        Advance();
                        return;
                    case "{" or "[":
                        var close = MatchOf(_pos);
                        if (close > _pos) _pos = close + 1;
                        else
                        {
                            Error($"'{t.Value}' is never closed");
                            Advance();
                        }
                        return;
                    case "(":
                        var open = _pos;
                        Advance();
                        ParseType();
                        CloseAt(open, ")");
                        return;
                }
                break;
        }
        Error($"expected a type but found {Describe(t)}");
        if (t.Kind != TsTokenKind.EndOfFile && !(t.Kind == TsTokenKind.Punctuator && t.Value is ")" or "]" or "}" or ";" or "," or ">" or "=" or "=>"))
            Advance();
    }

    /// <summary><c>A.B.C</c>, or <c>import('m').X</c>.</summary>
    private void ParseTypeName()
    {
        if (At("import") && Peek().Is("("))
        {
            Advance();
            SkipOne();
        }
        else
        {
            Advance();
        }
        while (AtPunct(".") && Peek().Kind is TsTokenKind.Identifier or TsTokenKind.PrivateName)
        {
            Advance();
            Advance();
        }
    }

    /// <summary><c>&lt;T, U&gt;</c> at the cursor: the parsed arguments.</summary>
    private List<TsType> ParseTypeArgumentList()
    {
        var arguments = new List<TsType>();
        Advance(); // <
        if (AtPunct(">"))
        {
            Error("expected a type argument");
            return arguments;
        }
        do
        {
            arguments.Add(ParseType());
        } while (Accept(","));
        Expect(">");
        return arguments;
    }

    /// <summary><c>&lt;T extends X = Y, const U&gt;</c> of a generic declaration.</summary>
    private void SkipTypeParameters()
    {
        Advance(); // <
        while (!AtEnd && !AtPunct(">"))
        {
            while (At("const") || At("in") || At("out")) Advance();
            if (!AtIdentifier)
            {
                Error($"expected a type parameter but found {Describe(Current)}");
                return;
            }
            Advance();
            if (At("extends")) { Advance(); ParseType(); }
            if (Accept("=")) ParseType();
            if (!Accept(",")) break;
        }
        Expect(">");
    }

    // ----- parameters and binding patterns -----

    private List<TsParameter> ParseParameterList()
    {
        var parameters = new List<TsParameter>();
        if (!AtPunct("("))
        {
            Error($"expected '(' but found {Describe(Current)}");
            return parameters;
        }
        ParseDelimited(")", () => parameters.Add(ParseParameter()));
        return parameters;
    }

    private TsParameter ParseParameter()
    {
        var start = _pos;
        SkipDecorators();
        while ((At("public") || At("private") || At("protected") || At("readonly") || At("override"))
               && (Peek().Kind == TsTokenKind.Identifier || Peek().Is("{") || Peek().Is("[")))
            Advance();
        var isRest = Accept("...");
        var pattern = ParseBindingTarget();
        var optional = Accept("?");
        TsType? type = null;
        if (Accept(":")) type = ParseType();
        TsExpr? fallback = null;
        if (Accept("=")) fallback = ParseAssignment();
        return Finish(new TsParameter { Pattern = pattern, Type = type, Default = fallback, IsRest = isRest, IsOptional = optional }, start);
    }

    private TsPattern ParseBindingTarget()
    {
        var start = _pos;
        if (AtIdentifier)
            return Finish(new TsBindingName { Name = Advance().Value }, start);
        if (AtPunct("{"))
        {
            var elements = new List<TsPatternElement>();
            ParseDelimited("}", () => elements.Add(ParseObjectPatternElement()));
            return Finish(new TsObjectPattern { Elements = elements }, start);
        }
        if (AtPunct("["))
        {
            var elements = new List<TsPatternElement?>();
            ParseDelimited("]", () => elements.Add(ParseArrayPatternElement()), () => elements.Add(null));
            return Finish(new TsArrayPattern { Elements = elements }, start);
        }
        Error($"expected a name or a destructuring pattern but found {Describe(Current)}");
        if (!AtEnd && !(Current.Kind == TsTokenKind.Punctuator && Current.Value is ")" or "]" or "}" or "," or ";" or "=" or "=>"))
            Advance();
        return Finish(new TsBindingName { Name = "" }, start);
    }

    private TsPatternElement ParseObjectPatternElement()
    {
        var start = _pos;
        if (Accept("..."))
            return Finish(new TsPatternElement { Target = ParseBindingTarget(), IsRest = true }, start);
        string? key = null;
        TsPattern target;
        if (AtPunct("["))
        {
            var open = _pos;
            Advance();
            ParseAssignment();
            CloseAt(open, "]");
            Expect(":");
            target = ParseBindingTarget();
        }
        else if (Current.Kind is TsTokenKind.Identifier or TsTokenKind.String or TsTokenKind.Number)
        {
            var keyStart = _pos;
            key = Advance().Value;
            target = Accept(":") ? ParseBindingTarget() : Finish(new TsBindingName { Name = key }, keyStart);
        }
        else
        {
            target = ParseBindingTarget();
        }
        TsExpr? fallback = null;
        if (Accept("=")) fallback = ParseAssignment();
        return Finish(new TsPatternElement { Key = key, Target = target, Default = fallback }, start);
    }

    private TsPatternElement ParseArrayPatternElement()
    {
        var start = _pos;
        var isRest = Accept("...");
        var target = ParseBindingTarget();
        TsExpr? fallback = null;
        if (Accept("=")) fallback = ParseAssignment();
        return Finish(new TsPatternElement { Target = target, Default = fallback, IsRest = isRest }, start);
    }
}
