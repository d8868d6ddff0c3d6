using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaAudit.EfCore.Syntax;

/// <summary>What a declared type says, read from syntax alone: its name, <c>?</c>, and collection element.</summary>
internal readonly record struct TypeShape(string Name, bool QuestionMark, string? ElementName, string Written)
{
    private static readonly HashSet<string> s_collections = new(StringComparer.Ordinal)
    {
        "ICollection", "IList", "List", "IEnumerable", "HashSet", "ISet", "IReadOnlyCollection", "IReadOnlyList",
        "Collection", "ObservableCollection", "SortedSet", "IReadOnlySet",
    };

    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.Ordinal)
    {
        ["Int32"] = "int", ["Int64"] = "long", ["Int16"] = "short", ["Byte"] = "byte", ["Boolean"] = "bool", ["String"] = "string",
        ["Decimal"] = "decimal", ["Double"] = "double", ["Single"] = "float", ["SByte"] = "sbyte", ["UInt32"] = "uint", ["UInt64"] = "ulong",
        ["UInt16"] = "ushort", ["Char"] = "char",
    };

    public bool IsCollection => ElementName is not null;

    public static TypeShape Of(TypeSyntax type)
    {
        var written = type.ToString();
        var question = false;
        if (type is NullableTypeSyntax nullable)
        {
            question = true;
            type = nullable.ElementType;
        }
        if (type is GenericNameSyntax { Identifier.Text: "Nullable", TypeArgumentList.Arguments.Count: 1 } wrapped)
        {
            question = true;
            type = wrapped.TypeArgumentList.Arguments[0];
        }
        if (type is ArrayTypeSyntax array)
        {
            var element = SimpleName(array.ElementType);
            return element is "byte" ? new("byte[]", question, null, written) : new(element + "[]", question, ElementOf(array.ElementType), written);
        }
        if (Unqualified(type) is GenericNameSyntax generic && s_collections.Contains(generic.Identifier.Text) && generic.TypeArgumentList.Arguments.Count == 1)
            return new(generic.Identifier.Text, question, ElementOf(generic.TypeArgumentList.Arguments[0]), written);
        return new(SimpleName(type), question, null, written);
    }

    private static string ElementOf(TypeSyntax element)
    {
        var name = SimpleName(element is NullableTypeSyntax n ? n.ElementType : element);
        return name;
    }

    private static TypeSyntax Unqualified(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax q => q.Right,
        AliasQualifiedNameSyntax a => a.Name,
        _ => type,
    };

    /// <summary><c>System.Guid</c> → <c>Guid</c>, <c>Int32</c> → <c>int</c>, <c>Dictionary&lt;string, object&gt;</c> → <c>Dictionary</c>.</summary>
    public static string SimpleName(TypeSyntax type)
    {
        type = Unqualified(type);
        var name = type switch
        {
            PredefinedTypeSyntax p => p.Keyword.Text,
            GenericNameSyntax g => g.Identifier.Text,
            IdentifierNameSyntax i => i.Identifier.Text,
            NullableTypeSyntax n => SimpleName(n.ElementType),
            _ => type.ToString(),
        };
        return s_aliases.GetValueOrDefault(name, name);
    }
}
