using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaAudit.EfCore.Syntax;

/// <summary>Values read from C# expressions without evaluating anything: literals, <c>nameof</c>, member lambdas.</summary>
internal static class Expressions
{
    /// <summary>A string literal, <c>nameof(X.Y)</c> (→ <c>Y</c>), or a literal concatenation; null otherwise.</summary>
    public static string? String(ExpressionSyntax? expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" }, ArgumentList.Arguments.Count: 1 } nameOf =>
            LastName(nameOf.ArgumentList.Arguments[0].Expression),
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) =>
            String(binary.Left) is { } left && String(binary.Right) is { } right ? left + right : null,
        ParenthesizedExpressionSyntax parenthesized => String(parenthesized.Expression),
        InterpolatedStringExpressionSyntax interpolated when interpolated.Contents.All(c => c is InterpolatedStringTextSyntax) =>
            string.Concat(interpolated.Contents.Select(c => ((InterpolatedStringTextSyntax)c).TextToken.ValueText)),
        _ => null,
    };

    public static int? Int(ExpressionSyntax? expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.Token.Value is int value => value,
        PrefixUnaryExpressionSyntax { OperatorToken.Text: "-" } negative when Int(negative.Operand) is { } value => -value,
        _ => null,
    };

    public static bool? Bool(ExpressionSyntax? expression) => expression?.Kind() switch
    {
        SyntaxKind.TrueLiteralExpression => true,
        SyntaxKind.FalseLiteralExpression => false,
        _ => null,
    };

    /// <summary>The last identifier of a name (<c>DeleteBehavior.Cascade</c> → <c>Cascade</c>).</summary>
    public static string? LastName(ExpressionSyntax? expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.Text,
        MemberAccessExpressionSyntax member => member.Name.Identifier.Text,
        GenericNameSyntax generic => generic.Identifier.Text,
        _ => null,
    };

    /// <summary>
    /// Members a lambda selects: <c>x =&gt; x.Name</c> → [Name], <c>x =&gt; new { x.A, x.B }</c> → [A, B];
    /// or string arguments (<c>"A", "B"</c>). Empty when it is neither.
    /// </summary>
    public static List<string> Members(ExpressionSyntax? expression)
    {
        var members = new List<string>();
        switch (expression)
        {
            case SimpleLambdaExpressionSyntax { ExpressionBody: { } body }:
                AddSelected(body, members);
                break;
            case ParenthesizedLambdaExpressionSyntax { ExpressionBody: { } body }:
                AddSelected(body, members);
                break;
            default:
                if (String(expression) is { } name) members.Add(name);
                break;
        }
        return members;
    }

    /// <summary><see cref="Members(ExpressionSyntax?)"/> over every argument (<c>HasKey("A", "B")</c> or <c>HasKey(x =&gt; new { … })</c>).</summary>
    public static List<string> Members(ArgumentListSyntax arguments)
    {
        var result = new List<string>();
        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameColon is not null) continue;
            if (argument.Expression is CollectionExpressionSyntax or ImplicitArrayCreationExpressionSyntax or ArrayCreationExpressionSyntax)
            {
                foreach (var element in argument.Expression.DescendantNodes().OfType<LiteralExpressionSyntax>())
                    if (String(element) is { } s) result.Add(s);
                continue;
            }
            result.AddRange(Members(argument.Expression));
        }
        return result;
    }

    private static void AddSelected(ExpressionSyntax body, List<string> members)
    {
        switch (body)
        {
            case AnonymousObjectCreationExpressionSyntax anonymous:
                foreach (var initializer in anonymous.Initializers)
                    if (LastName(initializer.Expression) is { } name) members.Add(name);
                break;
            case CastExpressionSyntax cast:
                AddSelected(cast.Expression, members);
                break;
            case ParenthesizedExpressionSyntax parenthesized:
                AddSelected(parenthesized.Expression, members);
                break;
            case MemberAccessExpressionSyntax member:
                members.Add(member.Name.Identifier.Text);
                break;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "Property" } }:
                // EF.Property<T>(x, "Name")
                break;
        }
    }

    public static string AttributeName(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.Text,
            SimpleNameSyntax s => s.Identifier.Text,
            _ => attribute.Name.ToString(),
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    public static IEnumerable<AttributeArgumentSyntax> Positional(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null) ?? [];

    public static ExpressionSyntax? Named(AttributeSyntax attribute, string name) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == name || a.NameColon?.Name.Identifier.Text == name)?.Expression;

    /// <summary>A named argument of a call (<c>name: "x"</c>), else the positional one at <paramref name="position"/>.</summary>
    public static ExpressionSyntax? Argument(ArgumentListSyntax? arguments, string name, int position)
    {
        if (arguments is null) return null;
        var named = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == name);
        if (named is not null) return named.Expression;
        var positional = arguments.Arguments.TakeWhile(a => a.NameColon is null).ToList();
        return position < positional.Count ? positional[position].Expression : null;
    }
}
