namespace SchemaAudit.Frontends.Python;

// Call arguments (also class bases) and parameter lists (def and lambda).
public sealed partial class PyParser
{
    /// <summary>
    /// <c>( ... )</c> after a callee or a class name: positional, <c>name=value</c>, <c>*args</c>, <c>**kwargs</c>,
    /// and a bare generator expression <c>f(x for x in y)</c>.
    /// </summary>
    private List<PyArg> ParseCallArguments()
    {
        Advance(); // (
        var args = new List<PyArg>();
        while (Kind != PyTokenKind.RightParen && CanStartExpression(Kind))
        {
            var start = Current.Start;
            if (Kind is PyTokenKind.Star or PyTokenKind.DoubleStar)
            {
                var star = Advance().Kind == PyTokenKind.Star ? 1 : 2;
                args.Add(ArgNode(null, ParseTest(), star, start));
            }
            else if (Kind == PyTokenKind.Name && PeekKind(1) == PyTokenKind.Assign)
            {
                var name = Advance().Value;
                Advance(); // =
                args.Add(ArgNode(name, ParseTest(), 0, start));
            }
            else
            {
                var value = ParseNamed();
                if (IsComprehensionStart())
                {
                    var clauses = ParseComprehensionClauses();
                    value = ComprehensionNode("generator", value, clauses, start);
                }
                args.Add(ArgNode(null, value, 0, start));
            }
            if (!Accept(PyTokenKind.Comma)) break;
        }
        Expect(PyTokenKind.RightParen, "')'");
        return args;
    }

    /// <summary>
    /// Parameters up to <paramref name="close"/> (not consumed): <c>a: T = d</c>, <c>*args</c>, <c>**kw</c>,
    /// bare <c>*</c> (later ones are keyword-only) and <c>/</c> (earlier ones are positional-only).
    /// </summary>
    private List<PyParameter> ParseParameters(PyTokenKind close, bool allowAnnotations)
    {
        var parameters = new List<PyParameter>();
        var keywordOnly = false;
        while (Kind != close)
        {
            var start = Current.Start;
            if (Accept(PyTokenKind.Slash))
            {
                for (var i = 0; i < parameters.Count; i++) parameters[i] = AsPositionalOnly(parameters[i]);
            }
            else if (Kind is PyTokenKind.Star or PyTokenKind.DoubleStar)
            {
                var star = Advance().Kind == PyTokenKind.Star ? 1 : 2;
                if (star == 1 && Kind != PyTokenKind.Name)
                {
                    keywordOnly = true; // bare *
                }
                else
                {
                    var name = ExpectName();
                    var annotation = allowAnnotations && Accept(PyTokenKind.Colon) ? ParseStarTest() : null;
                    parameters.Add(ParameterNode(name, annotation, null, star, keywordOnly, start));
                    keywordOnly = true;
                }
            }
            else if (Kind == PyTokenKind.Name)
            {
                var name = Advance().Value ?? "";
                var annotation = allowAnnotations && Accept(PyTokenKind.Colon) ? ParseTest() : null;
                var defaultValue = Accept(PyTokenKind.Assign) ? ParseTest() : null;
                parameters.Add(ParameterNode(name, annotation, defaultValue, 0, keywordOnly, start));
            }
            else
            {
                ErrorExpected("parameter");
                break;
            }
            if (!Accept(PyTokenKind.Comma)) break;
        }
        return parameters;
    }
}
