namespace SchemaAudit.Frontends.Python;

/// <summary>The kinds of token the Python lexer produces. Soft keywords (match, case, type) are names.</summary>
public enum PyTokenKind : byte
{
    EndOfFile,
    Newline,
    Indent,
    Dedent,
    Name,
    Number,
    String,

    // brackets and punctuation
    LeftParen, RightParen, LeftBracket, RightBracket, LeftBrace, RightBrace,
    Comma, Colon, Semicolon, Dot, Ellipsis, Arrow, ColonEqual, Assign, Exclamation,

    // operators
    Plus, Minus, Star, DoubleStar, Slash, DoubleSlash, Percent, At,
    Pipe, Ampersand, Caret, Tilde, LeftShift, RightShift,
    Less, Greater, LessEqual, GreaterEqual, EqualEqual, NotEqual,

    // augmented assignment
    PlusEqual, MinusEqual, StarEqual, DoubleStarEqual, SlashEqual, DoubleSlashEqual, PercentEqual,
    AtEqual, PipeEqual, AmpersandEqual, CaretEqual, LeftShiftEqual, RightShiftEqual,

    // keywords
    False, None, True, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del, Elif, Else,
    Except, Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal, Not, Or, Pass, Raise,
    Return, Try, While, With, Yield,
}
