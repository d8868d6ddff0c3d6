namespace SchemaAudit.Frontends.Sql;

internal enum SqlTokenKind : byte
{
    /// <summary>An unquoted word: keyword or identifier (SQL keywords are not reserved here).</summary>
    Word,
    /// <summary><c>"x"</c>, <c>`x`</c> or <c>[x]</c>.</summary>
    QuotedIdentifier,
    /// <summary><c>'x'</c>, <c>E'x'</c>, <c>N'x'</c>, <c>X'00'</c>.</summary>
    String,
    /// <summary><c>$$ ... $$</c> or <c>$tag$ ... $tag$</c>.</summary>
    DollarString,
    Number,
    /// <summary><c>$1</c>, <c>?</c>, <c>:name</c>.</summary>
    Parameter,
    /// <summary>One of <c>( ) , ; . [ ]</c>.</summary>
    Punct,
    /// <summary>Any other operator character, or <c>::</c> / <c>:=</c>.</summary>
    Operator,
    End,
}

/// <summary>A token: its kind and where it stands (offsets into the lexed text, 1-based line and column in the file).</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, int Line, int Column)
{
    public int End => Start + Length;
}
