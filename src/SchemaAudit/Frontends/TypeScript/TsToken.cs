namespace SchemaAudit.Frontends.TypeScript;

public enum TsTokenKind
{
    EndOfFile,
    Identifier,
    PrivateName,
    Number,
    String,
    Template,
    Regex,
    Punctuator,
}

/// <summary>
/// One token. <see cref="Value"/> holds the identifier, the punctuator text, the number as
/// written or the decoded string; <see cref="TemplateIndex"/> points into the lexer's template
/// table for template literals; <see cref="NewLineBefore"/> drives automatic semicolons.
/// </summary>
public readonly record struct TsToken(
    TsTokenKind Kind, int Start, int Length, int Line, int Column, string Value, bool NewLineBefore, int TemplateIndex = -1)
{
    public int End => Start + Length;

    public bool Is(string punctuatorOrWord) =>
        (Kind is TsTokenKind.Punctuator or TsTokenKind.Identifier) && string.Equals(Value, punctuatorOrWord, StringComparison.Ordinal);
}

/// <summary>A template literal: raw text of each quasi and the offsets of each <c>${ }</c> substitution's content.</summary>
public sealed record TsTemplateParts(IReadOnlyList<string> Quasis, IReadOnlyList<(int Start, int End)> Substitutions);

/// <summary>A comment, text without its delimiters.</summary>
public sealed record TsComment(string Text, int Start, int End, int Line, int Column, bool IsBlock)
{
    public bool IsDoc => IsBlock && Text.StartsWith('*');
}

/// <summary>A lexing or parsing error at a character offset.</summary>
public readonly record struct TsSyntaxError(int Offset, string Message);
