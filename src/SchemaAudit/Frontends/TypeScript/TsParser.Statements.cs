namespace SchemaAudit.Frontends.TypeScript;

// Statements and declarations.
public sealed partial class TsParser
{
    private List<TsStmt> ParseStatementList(bool untilCloseBrace)
    {
        var body = new List<TsStmt>();
        while (!AtEnd && !(untilCloseBrace && AtPunct("}")))
        {
            var start = _pos;
            var statement = ParseStatement();
            if (statement is not null) body.Add(statement);
            if (_pos == start)
            {
                // Nothing consumed (a stray closer, or junk): report and move on.
                Error($"unexpected {Describe(Current)}");
                SkipOne();
            }
        }
        return body;
    }

    /// <summary>A braced block: <c>{ statements }</c>.</summary>
    private List<TsStmt> ParseBlockBody()
    {
        var open = _pos;
        if (!AtPunct("{"))
        {
            Error($"expected '{{' but found {Describe(Current)}");
            return [];
        }
        Advance();
        var body = ParseStatementList(untilCloseBrace: true);
        if (!Accept("}")) Error(_tokens[open].Start, "'{' is never closed");
        return body;
    }

    private TsStmt? ParseStatement()
    {
        if (!Enter())
        {
            SkipOne();
            return null;
        }
        try
        {
            return ParseStatementCore();
        }
        finally
        {
            Exit();
        }
    }

    private TsStmt? ParseStatementCore()
    {
        var start = _pos;
        var t = Current;
        if (t.Kind == TsTokenKind.Punctuator)
        {
            switch (t.Value)
            {
                case "{": return Finish(new TsBlock { Body = ParseBlockBody() }, start);
                case ";": Advance(); return Finish(new TsEmptyStmt(), start);
                case "@": SkipDecorators(); return ParseStatement();
            }
        }
        if (t.Kind == TsTokenKind.Identifier && !Peek().Is(":") )
        {
            switch (t.Value)
            {
                case "import" when !(Peek().Is("(") || Peek().Is(".")): return ParseImport();
                case "export": return ParseExport();
                case "return": return ParseReturn();
                case "if": return ParseIf();
                case "throw": Advance(); return Finish(new TsOtherStmt { Keyword = "throw", Expressions = [ParseExpression()] }, start).Also(EndStatement);
                case "for" or "while" or "with" or "switch": return ParseHeaderStatement();
                case "do": return ParseDoWhile();
                case "try": return ParseTry();
                case "break" or "continue" or "debugger":
                    Advance();
                    if (AtIdentifier && !Current.NewLineBefore) Advance();
                    EndStatement();
                    return Finish(new TsOtherStmt { Keyword = t.Value }, start);
            }
            var declaration = TryParseDeclaration();
            if (declaration is not null) return declaration;
        }
        if (t.Kind == TsTokenKind.Identifier && Peek().Is(":") && !IsReservedWord(t.Value))
        {
            Advance();
            Advance(); // label
            var labelled = ParseStatement();
            return Finish(new TsOtherStmt { Keyword = "label", Body = labelled is null ? [] : [labelled] }, start);
        }
        var expression = ParseExpression();
        var statement = Finish(new TsExpressionStmt { Expression = expression }, start);
        EndStatement();
        return statement;
    }

    /// <summary>Declarations that may follow <c>export</c>; null when the tokens start none.</summary>
    private TsDeclaration? TryParseDeclaration()
    {
        var start = _pos;
        var doc = DocCommentBefore(_pos);
        TsDeclaration? declaration = Current.Value switch
        {
            "const" when Peek().Is("enum") => ParseEnum(start),
            "const" or "var" => ParseVariableDecl(),
            "let" or "using" when Peek().Kind == TsTokenKind.Identifier || Peek().Is("{") || Peek().Is("[") => ParseVariableDecl(),
            "function" => ParseFunctionDecl(start, isAsync: false),
            "async" when Peek().Is("function") && !Peek().NewLineBefore => ParseFunctionDecl(start, isAsync: true),
            "class" => ParseClassDecl(start),
            "abstract" when Peek().Is("class") => ParseClassDecl(start),
            "interface" when Peek().Kind == TsTokenKind.Identifier => ParseInterface(start),
            "type" when Peek().Kind == TsTokenKind.Identifier && !Peek().NewLineBefore => ParseTypeAlias(start),
            "enum" when Peek().Kind == TsTokenKind.Identifier => ParseEnum(start),
            "declare" when Peek().Kind == TsTokenKind.Identifier && !Peek().NewLineBefore => ParseDeclare(),
            "namespace" or "module" when (Peek().Kind is TsTokenKind.Identifier or TsTokenKind.String) && !Peek().NewLineBefore => ParseNamespace(start),
            "global" when Peek().Is("{") => ParseNamespace(start),
            _ => null,
        };
        if (declaration is not null) declaration.DocComment ??= doc;
        return declaration;
    }

    private TsDeclaration ParseDeclare()
    {
        Advance(); // declare
        var declaration = TryParseDeclaration();
        if (declaration is null)
        {
            Error($"expected a declaration after 'declare' but found {Describe(Current)}");
            Recover();
            return Finish(new TsTypeDecl { Keyword = "declare", Name = "" }, _pos);
        }
        declaration.IsDeclare = true;
        return declaration;
    }

    private TsDeclaration ParseNamespace(int start)
    {
        var keyword = Advance().Value;
        var name = keyword == "global" ? "global" : Advance().Value;
        while (Accept(".")) name += "." + ExpectIdentifier();
        if (AtPunct("{")) ParseBlockBody(); // namespaces hold no Drizzle schema: parsed for errors, not kept
        else EndStatement();
        return Finish(new TsTypeDecl { Keyword = keyword, Name = name }, start);
    }

    private void SkipDecorators()
    {
        while (Accept("@"))
        {
            ParseLeftHandSide(allowCalls: true);
        }
    }

    /// <summary>Ends a statement: <c>;</c>, or a line break / <c>}</c> / end of file (automatic semicolon).</summary>
    private void EndStatement()
    {
        if (Accept(";") || AtPunct("}") || AtEnd || Current.NewLineBefore) return;
        Error($"expected ';' but found {Describe(Current)}");
        Recover();
    }

    private TsStmt ParseReturn()
    {
        var start = _pos;
        Advance();
        TsExpr? value = null;
        if (!AtPunct(";") && !AtPunct("}") && !AtEnd && !Current.NewLineBefore) value = ParseExpression();
        var statement = Finish(new TsReturn { Value = value }, start);
        EndStatement();
        return statement;
    }

    private TsStmt ParseIf()
    {
        var start = _pos;
        Advance();
        var test = ParseParenthesizedCondition();
        var then = ParseStatement() ?? Finish(new TsEmptyStmt(), _pos);
        TsStmt? otherwise = null;
        if (At("else"))
        {
            Advance();
            otherwise = ParseStatement();
        }
        return Finish(new TsIf { Test = test, Then = then, Else = otherwise }, start);
    }

    private TsExpr ParseParenthesizedCondition()
    {
        var open = _pos;
        if (!AtPunct("("))
        {
            Error($"expected '(' but found {Describe(Current)}");
            return Finish(new TsErrorExpr(), _pos);
        }
        Advance();
        var expression = ParseExpression();
        CloseAt(open, ")");
        return expression;
    }

    /// <summary>
    /// Consumes the closer of the bracket opened at <paramref name="open"/>: anything left before
    /// it is junk, reported once and skipped.
    /// </summary>
    private void CloseAt(int open, string closer)
    {
        var close = MatchOf(open);
        if (close >= _pos)
        {
            if (close > _pos) Error($"expected '{closer}' but found {Describe(Current)}");
            _pos = close;
            Advance();
        }
        else
        {
            Expect(closer);
        }
    }

    /// <summary><c>for</c>, <c>while</c>, <c>with</c>, <c>switch</c>: the header is skipped, the body kept.</summary>
    private TsStmt ParseHeaderStatement()
    {
        var start = _pos;
        var keyword = Advance().Value;
        if (At("await")) Advance();
        if (AtPunct("(")) SkipOne();
        else Error($"expected '(' after '{keyword}' but found {Describe(Current)}");
        if (keyword == "switch")
        {
            if (AtPunct("{")) SkipOne();
            else Error($"expected '{{' but found {Describe(Current)}");
            return Finish(new TsOtherStmt { Keyword = keyword }, start);
        }
        var body = ParseStatement();
        return Finish(new TsOtherStmt { Keyword = keyword, Body = body is null ? [] : [body] }, start);
    }

    private TsStmt ParseDoWhile()
    {
        var start = _pos;
        Advance();
        var body = ParseStatement();
        if (At("while"))
        {
            Advance();
            ParseParenthesizedCondition();
        }
        else
        {
            Error($"expected 'while' but found {Describe(Current)}");
        }
        Accept(";");
        return Finish(new TsOtherStmt { Keyword = "do", Body = body is null ? [] : [body] }, start);
    }

    private TsStmt ParseTry()
    {
        var start = _pos;
        Advance();
        var blocks = new List<TsStmt> { Finish(new TsBlock { Body = ParseBlockBody() }, start) };
        if (At("catch"))
        {
            Advance();
            if (AtPunct("(")) SkipOne();
            blocks.Add(Finish(new TsBlock { Body = ParseBlockBody() }, start));
        }
        if (At("finally"))
        {
            Advance();
            blocks.Add(Finish(new TsBlock { Body = ParseBlockBody() }, start));
        }
        return Finish(new TsOtherStmt { Keyword = "try", Body = blocks }, start);
    }

    // ----- modules -----

    private TsStmt ParseImport()
    {
        var start = _pos;
        Advance(); // import
        var typeOnly = At("type") && (Peek().Kind == TsTokenKind.Identifier && !Peek().Is("from") || Peek().Is("{") || Peek().Is("*"));
        if (typeOnly) Advance();
        if (Current.Kind == TsTokenKind.String)
        {
            var bare = Advance().Value;
            SkipImportAttributes();
            EndStatement();
            return Finish(new TsImportDecl { ModuleSpecifier = bare, Named = [] }, start);
        }
        string? defaultBinding = null, namespaceBinding = null;
        var named = new List<TsImportSpecifier>();
        if (AtIdentifier && !At("from") || At("from") && Peek().Is("from"))
        {
            defaultBinding = Advance().Value;
            if (AtPunct("="))
            {
                // import x = require('m')  /  import x = A.B
                Advance();
                var target = ParseExpression();
                EndStatement();
                var specifier = target is TsCall { Arguments: [TsStringLiteral s] } ? s.Value : "";
                return Finish(new TsImportDecl { ModuleSpecifier = specifier, DefaultBinding = defaultBinding, Named = [] }, start);
            }
            Accept(",");
        }
        if (AtPunct("*"))
        {
            Advance();
            if (At("as")) Advance();
            else Error($"expected 'as' but found {Describe(Current)}");
            namespaceBinding = ExpectIdentifier();
        }
        else if (AtPunct("{"))
        {
            ParseSpecifierList((imported, local, isType) => named.Add(new TsImportSpecifier(imported, local, isType)));
        }
        var module = "";
        if (At("from"))
        {
            Advance();
            if (Current.Kind == TsTokenKind.String) module = Advance().Value;
            else Error($"expected a module name but found {Describe(Current)}");
        }
        else
        {
            Error($"expected 'from' but found {Describe(Current)}");
        }
        SkipImportAttributes();
        var node = Finish(new TsImportDecl
        {
            ModuleSpecifier = module, DefaultBinding = defaultBinding, NamespaceBinding = namespaceBinding, Named = named, IsTypeOnly = typeOnly,
        }, start);
        EndStatement();
        return node;
    }

    /// <summary><c>with { type: 'json' }</c> / <c>assert { ... }</c> after a module specifier.</summary>
    private void SkipImportAttributes()
    {
        if ((At("with") || At("assert")) && Peek().Is("{") && !Current.NewLineBefore)
        {
            Advance();
            SkipOne();
        }
    }

    /// <summary><c>{ a, b as c, type d, "x-y" as z }</c> for imports and exports.</summary>
    private void ParseSpecifierList(Action<string, string, bool> add)
    {
        var open = _pos;
        Advance();
        while (!AtEnd && !AtPunct("}"))
        {
            var isType = At("type") && (Peek().Kind is TsTokenKind.Identifier or TsTokenKind.String) && !Peek().Is("as");
            if (isType) Advance();
            if (Current.Kind is not (TsTokenKind.Identifier or TsTokenKind.String))
            {
                Error($"expected a name but found {Describe(Current)}");
                break;
            }
            var name = Advance().Value;
            var alias = name;
            if (At("as"))
            {
                Advance();
                if (Current.Kind is TsTokenKind.Identifier or TsTokenKind.String) alias = Advance().Value;
                else Error($"expected a name after 'as' but found {Describe(Current)}");
            }
            add(name, alias, isType);
            if (!Accept(",")) break;
        }
        CloseAt(open, "}");
    }

    private TsStmt ParseExport()
    {
        var start = _pos;
        Advance(); // export
        if (At("default"))
        {
            Advance();
            var doc = DocCommentBefore(start);
            var declaration = (At("function") || At("class") || At("abstract") || At("interface")
                               || (At("async") && Peek().Is("function"))) ? TryParseDeclaration() : null;
            if (declaration is not null)
            {
                declaration.IsExported = true;
                declaration.IsDefaultExport = true;
                declaration.DocComment ??= doc;
                return Finish(declaration, start);
            }
            var value = ParseAssignment();
            var node = Finish(new TsExportDefault { Expression = value }, start);
            EndStatement();
            return node;
        }
        if (AtPunct("="))
        {
            Advance();
            var value = ParseExpression();
            var node = Finish(new TsExportDefault { Expression = value }, start);
            EndStatement();
            return node;
        }
        var typeOnly = At("type") && (Peek().Is("{") || Peek().Is("*"));
        if (typeOnly) Advance();
        if (AtPunct("*"))
        {
            Advance();
            string? alias = null;
            if (At("as"))
            {
                Advance();
                alias = Current.Kind is TsTokenKind.Identifier or TsTokenKind.String ? Advance().Value : ExpectIdentifier();
            }
            var from = ParseFromClause();
            var node = Finish(new TsExportAll { FromModule = from ?? "", As = alias }, start);
            EndStatement();
            return node;
        }
        if (AtPunct("{"))
        {
            var specifiers = new List<TsExportSpecifier>();
            ParseSpecifierList((local, exported, isType) => specifiers.Add(new TsExportSpecifier(local, exported, isType)));
            string? from = null;
            if (At("from")) from = ParseFromClause();
            var node = Finish(new TsExportNamed { Specifiers = specifiers, FromModule = from, IsTypeOnly = typeOnly }, start);
            EndStatement();
            return node;
        }
        if (At("import"))
        {
            // export import A = B.C
            var imported = ParseImport();
            return imported;
        }
        var exported = TryParseDeclaration();
        if (exported is null)
        {
            Error($"expected a declaration after 'export' but found {Describe(Current)}");
            Recover();
            return Finish(new TsEmptyStmt(), start);
        }
        exported.IsExported = true;
        exported.DocComment ??= DocCommentBefore(start);
        return Finish(exported, start);
    }

    private string? ParseFromClause()
    {
        if (!At("from"))
        {
            Error($"expected 'from' but found {Describe(Current)}");
            return null;
        }
        Advance();
        if (Current.Kind == TsTokenKind.String)
        {
            var module = Advance().Value;
            SkipImportAttributes();
            return module;
        }
        Error($"expected a module name but found {Describe(Current)}");
        return null;
    }

    // ----- declarations -----

    private TsVariableDecl ParseVariableDecl()
    {
        var start = _pos;
        var kind = Advance().Value;
        var declarators = new List<TsVariableDeclarator>();
        do
        {
            var declStart = _pos;
            var target = ParseBindingTarget();
            Accept("!"); // definite assignment
            TsType? type = null;
            if (Accept(":")) type = ParseType();
            TsExpr? init = null;
            if (Accept("=")) init = ParseAssignment();
            declarators.Add(Finish(new TsVariableDeclarator { Target = target, Type = type, Initializer = init }, declStart));
        } while (Accept(","));
        var node = Finish(new TsVariableDecl { Kind = kind, Declarators = declarators }, start);
        EndStatement();
        return node;
    }

    private TsFunctionDecl ParseFunctionDecl(int start, bool isAsync)
    {
        if (isAsync) Advance();
        Advance(); // function
        Accept("*");
        string? name = AtIdentifier ? Advance().Value : null;
        var function = ParseFunctionRest(start, name, isAsync, isArrow: false);
        return Finish(new TsFunctionDecl { Name = name, Function = function }, start);
    }

    /// <summary>After the name: type parameters, parameters, return type and body (none for overload signatures).</summary>
    private TsFunctionExpr ParseFunctionRest(int start, string? name, bool isAsync, bool isArrow)
    {
        if (AtPunct("<")) SkipTypeParameters();
        var parameters = ParseParameterList();
        TsType? returnType = null;
        if (Accept(":")) returnType = ParseReturnType();
        IReadOnlyList<TsStmt>? body = null;
        if (AtPunct("{")) body = ParseBlockBody();
        else EndStatement(); // overload or declare'd signature
        return Finish(new TsFunctionExpr { Name = name, Parameters = parameters, BlockBody = body ?? [], IsAsync = isAsync, IsArrow = isArrow, ReturnType = returnType }, start);
    }

    private TsClassDecl ParseClassDecl(int start)
    {
        if (At("abstract")) Advance();
        Advance(); // class
        var name = AtIdentifier && !At("extends") && !At("implements") ? Advance().Value : null;
        if (AtPunct("<")) SkipTypeParameters();
        SkipClassRest();
        return Finish(new TsClassDecl { Name = name }, start);
    }

    /// <summary>Skips heritage clauses and the body of a class (balanced braces).</summary>
    private void SkipClassRest()
    {
        while (!AtEnd && !AtPunct("{") && !AtPunct(";") && !AtPunct("}"))
            SkipOne();
        if (AtPunct("{"))
        {
            var close = MatchOf(_pos);
            if (close > _pos) _pos = close + 1;
            else
            {
                Error("class body is never closed");
                _pos = _tokens.Count - 1;
            }
        }
        else
        {
            Error($"expected a class body but found {Describe(Current)}");
        }
    }

    private TsTypeDecl ParseInterface(int start)
    {
        Advance();
        var name = Advance().Value;
        if (AtPunct("<")) SkipTypeParameters();
        while (!AtEnd && !AtPunct("{") && !AtPunct(";") && !AtPunct("}"))
            SkipOne(); // extends clauses
        if (AtPunct("{")) SkipOne();
        else Error($"expected an interface body but found {Describe(Current)}");
        return Finish(new TsTypeDecl { Keyword = "interface", Name = name }, start);
    }

    private TsTypeDecl ParseTypeAlias(int start)
    {
        Advance();
        var name = Advance().Value;
        if (AtPunct("<")) SkipTypeParameters();
        Expect("=");
        ParseType();
        var node = Finish(new TsTypeDecl { Keyword = "type", Name = name }, start);
        EndStatement();
        return node;
    }

    private TsEnumDecl ParseEnum(int start)
    {
        var isConst = At("const");
        if (isConst) Advance();
        Advance(); // enum
        var name = ExpectIdentifier();
        var members = new List<TsEnumMember>();
        if (!AtPunct("{"))
        {
            Error($"expected '{{' but found {Describe(Current)}");
            return Finish(new TsEnumDecl { Name = name, Members = members, IsConst = isConst }, start);
        }
        var open = _pos;
        Advance();
        while (!AtEnd && !AtPunct("}"))
        {
            if (Current.Kind is not (TsTokenKind.Identifier or TsTokenKind.String))
            {
                Error($"expected an enum member but found {Describe(Current)}");
                break;
            }
            var memberName = Advance().Value;
            TsExpr? init = null;
            if (Accept("=")) init = ParseAssignment();
            members.Add(new TsEnumMember(memberName, init));
            if (!Accept(",")) break;
        }
        CloseAt(open, "}");
        return Finish(new TsEnumDecl { Name = name, Members = members, IsConst = isConst }, start);
    }

    private static bool IsReservedWord(string word) => word is "break" or "case" or "catch" or "class" or "const" or "continue"
        or "debugger" or "default" or "delete" or "do" or "else" or "enum" or "export" or "extends" or "false" or "finally"
        or "for" or "function" or "if" or "import" or "in" or "instanceof" or "new" or "null" or "return" or "super"
        or "switch" or "this" or "throw" or "true" or "try" or "typeof" or "var" or "void" or "while" or "with";
}

internal static class TsNodeExtensions
{
    /// <summary>Runs <paramref name="then"/> after building a node, returning the node (keeps statement code linear).</summary>
    public static T Also<T>(this T node, Action then)
    {
        then();
        return node;
    }
}
