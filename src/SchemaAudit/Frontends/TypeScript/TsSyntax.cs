namespace SchemaAudit.Frontends.TypeScript;

/// <summary>Small questions about syntax trees that extractors ask again and again.</summary>
public static class TsSyntax
{
    /// <summary>Strips what does not change a value: parentheses, <c>as</c>/<c>satisfies</c>, <c>!</c>.</summary>
    public static TsExpr Unwrap(TsExpr expression)
    {
        while (true)
        {
            switch (expression)
            {
                case TsParenthesized p: expression = p.Expression; break;
                case TsTypeAssertion a: expression = a.Expression; break;
                case TsNonNull n: expression = n.Expression; break;
                default: return expression;
            }
        }
    }

    /// <summary>
    /// What a function returns: its expression body, or the value of the first <c>return</c>
    /// found in its block (depth-first, through <c>if</c>s and blocks); null when none.
    /// </summary>
    public static TsExpr? ReturnedExpression(TsFunctionExpr function)
    {
        if (function.ExpressionBody is not null) return function.ExpressionBody;
        return function.BlockBody is null ? null : FirstReturn(function.BlockBody);
    }

    private static TsExpr? FirstReturn(IReadOnlyList<TsStmt> statements)
    {
        foreach (var statement in statements)
        {
            var found = statement switch
            {
                TsReturn r => r.Value,
                TsBlock b => FirstReturn(b.Body),
                TsIf i => FirstReturn([i.Then]) ?? (i.Else is null ? null : FirstReturn([i.Else])),
                _ => null,
            };
            if (found is not null) return found;
        }
        return null;
    }

    /// <summary>The value of a string literal, or of a template literal without substitutions.</summary>
    public static string? StringValue(TsExpr expression) => Unwrap(expression) switch
    {
        TsStringLiteral s => s.Value,
        TsTemplate { Expressions.Count: 0 } t => t.Quasis[0],
        _ => null,
    };

    /// <summary>The names a binding pattern introduces, with the property key each one reads (null inside arrays).</summary>
    public static IEnumerable<(string? Key, string Name)> BoundNames(TsPattern pattern)
    {
        switch (pattern)
        {
            case TsBindingName b when b.Name.Length > 0:
                yield return (null, b.Name);
                break;
            case TsObjectPattern o:
                foreach (var element in o.Elements)
                {
                    if (element.Target is TsBindingName n && n.Name.Length > 0) yield return (element.IsRest ? null : element.Key, n.Name);
                    else foreach (var inner in BoundNames(element.Target)) yield return (null, inner.Name);
                }
                break;
            case TsArrayPattern a:
                foreach (var element in a.Elements)
                    if (element is not null)
                        foreach (var inner in BoundNames(element.Target)) yield return (null, inner.Name);
                break;
        }
    }
}
