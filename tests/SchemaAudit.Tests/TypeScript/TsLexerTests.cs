using SchemaAudit.Frontends.TypeScript;

namespace SchemaAudit.Tests.TypeScript;

public sealed class TsLexerTests
{
    private static (List<TsToken> Tokens, List<TsTemplateParts> Templates, List<TsSyntaxError> Errors, List<TsComment> Comments) Lex(string text)
    {
        var errors = new List<TsSyntaxError>();
        var comments = new List<TsComment>();
        var result = TsLexer.Lex(text, errors, comments);
        return (result.Tokens, result.Templates, errors, comments);
    }

    private static string Kinds(string text) =>
        string.Join(" ", Lex(text).Tokens.Where(t => t.Kind != TsTokenKind.EndOfFile).Select(t => $"{t.Kind}:{t.Value}"));

    [Fact]
    public void Template_with_nested_substitutions_and_templates_is_one_token()
    {
        var (tokens, templates, errors, _) = Lex("sql`a ${x ? `in ${y + '}'}` : {b: 1}.b} c`;");
        Assert.Empty(errors);
        Assert.Equal(TsTokenKind.Template, tokens[1].Kind);
        Assert.Equal(";", tokens[2].Value);
        var parts = templates[tokens[1].TemplateIndex];
        Assert.Equal(["a ", " c"], parts.Quasis);
        Assert.Single(parts.Substitutions);
    }

    [Theory]
    [InlineData("a = /ab+c/gi.test(s)", "Regex:/ab+c/gi")]
    [InlineData("f(/x\\/y[/]/)", "Regex:/x\\/y[/]/")]
    [InlineData("return /re/", "Regex:/re/")]
    [InlineData("x = !/a/.test(y)", "Regex:/a/")]
    public void Slash_after_an_operator_or_keyword_starts_a_regex(string source, string expected) =>
        Assert.Contains(expected, Kinds(source));

    [Theory]
    [InlineData("a / b / c")]
    [InlineData("f(x) / 2")]
    [InlineData("arr[0] / 2")]
    [InlineData("total /= 2")]
    public void Slash_after_an_operand_is_division(string source) =>
        Assert.DoesNotContain("Regex", Kinds(source));

    [Theory]
    [InlineData("0x1F", "0x1F")]
    [InlineData("0o17", "0o17")]
    [InlineData("0b1010", "0b1010")]
    [InlineData("123n", "123n")]
    [InlineData("1_000_000", "1_000_000")]
    [InlineData("1.5e-3", "1.5e-3")]
    [InlineData(".5", ".5")]
    public void Numeric_forms_are_single_tokens(string source, string expected)
    {
        var (tokens, _, errors, _) = Lex(source);
        Assert.Empty(errors);
        Assert.Equal(TsTokenKind.Number, tokens[0].Kind);
        Assert.Equal(expected, tokens[0].Value);
        Assert.Equal(TsTokenKind.EndOfFile, tokens[1].Kind);
    }

    [Fact]
    public void String_escapes_are_decoded()
    {
        var (tokens, _, errors, _) = Lex("'a\\n\\'b\\u0041\\u{1F600}\\x41'");
        Assert.Empty(errors);
        Assert.Equal("a\n'bA\U0001F600A", tokens[0].Value);
    }

    [Fact]
    public void Comments_are_collected_with_their_lines()
    {
        var (tokens, _, _, comments) = Lex("// one\nconst a = 1; /** doc */\n/* two\nlines */ b");
        Assert.Equal(3, comments.Count);
        Assert.Equal(1, comments[0].Line);
        Assert.True(comments[1].IsDoc);
        Assert.Equal(3, comments[2].Line);
        Assert.True(tokens.Single(t => t.Value == "b").NewLineBefore);
    }

    [Fact]
    public void Greater_than_is_never_glued_so_nested_generics_close()
    {
        var values = Lex("a<b<c>>=d").Tokens.Select(t => t.Value).ToList();
        Assert.Equal(["a", "<", "b", "<", "c", ">", ">", "=", "d", ""], values);
    }

    [Theory]
    [InlineData("'unterminated\nx", "unterminated string")]
    [InlineData("`open ${a", "unterminated")]
    [InlineData("/* open", "unterminated block comment")]
    [InlineData("a ¤ b", "unexpected character")]
    public void Broken_literals_become_errors_not_exceptions(string source, string message)
    {
        var (tokens, _, errors, _) = Lex(source);
        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(TsTokenKind.EndOfFile, tokens[^1].Kind);
    }

    [Fact]
    public void Lines_and_columns_are_one_based()
    {
        var tokens = Lex("a\r\n  bc\rd").Tokens;
        Assert.Equal((1, 1), (tokens[0].Line, tokens[0].Column));
        Assert.Equal((2, 3), (tokens[1].Line, tokens[1].Column));
        Assert.Equal((3, 1), (tokens[2].Line, tokens[2].Column));
    }
}
