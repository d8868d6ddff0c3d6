using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Tests.Sql;

public sealed class SqlLexerTests
{
    private static List<(SqlTokenKind Kind, string Text)> Lex(string sql, List<Diagnostic>? diagnostics = null)
    {
        diagnostics ??= [];
        return SqlLexer.Tokenize(sql, "t.sql", diagnostics).Where(t => t.Kind != SqlTokenKind.End).Select(t => (t.Kind, sql.Substring(t.Start, t.Length))).ToList();
    }

    [Fact]
    public void Quoted_identifiers_in_three_styles()
    {
        var tokens = Lex("\"a \"\"b\"\"\" `c` [d e]");
        Assert.Equal([SqlTokenKind.QuotedIdentifier, SqlTokenKind.QuotedIdentifier, SqlTokenKind.QuotedIdentifier], tokens.Select(t => t.Kind));
        Assert.Equal("[d e]", tokens[2].Text);
    }

    [Fact]
    public void Array_suffix_is_not_a_bracket_identifier()
    {
        var tokens = Lex("text[] int[3]");
        Assert.Equal(["text", "[", "]", "int", "[", "3", "]"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Strings_with_doubled_quotes_and_escape_strings()
    {
        var tokens = Lex("'it''s' E'a\\'b' N'x'");
        Assert.Equal(3, tokens.Count);
        Assert.All(tokens, t => Assert.Equal(SqlTokenKind.String, t.Kind));
    }

    [Fact]
    public void Dollar_quoted_bodies_hide_semicolons()
    {
        var tokens = Lex("AS $$ a; b $$; $fn$ x $$ y $fn$ $1");
        Assert.Equal(["AS", "$$ a; b $$", ";", "$fn$ x $$ y $fn$", "$1"], tokens.Select(t => t.Text));
        Assert.Equal(SqlTokenKind.Parameter, tokens[^1].Kind);
    }

    [Fact]
    public void Comments_are_dropped_and_nest()
    {
        var tokens = Lex("a -- x ; y\n/* 1 /* 2 */ 3 */ b");
        Assert.Equal(["a", "b"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Casts_and_numbers()
    {
        var tokens = Lex("'1'::int 1.5e3 .5");
        Assert.Equal(["'1'", "::", "int", "1.5e3", ".5"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Positions_are_one_based_lines_and_columns()
    {
        var diagnostics = new List<Diagnostic>();
        var tokens = SqlLexer.Tokenize("a\n  bb", "t.sql", diagnostics);
        Assert.Equal((2, 3), (tokens[1].Line, tokens[1].Column));
    }

    [Theory]
    [InlineData("'open", "unterminated string")]
    [InlineData("\"open", "unterminated quoted identifier")]
    [InlineData("$$ open", "unterminated dollar-quoted body")]
    [InlineData("/* open", "unterminated comment")]
    public void Unterminated_tokens_are_reported(string sql, string message)
    {
        var diagnostics = new List<Diagnostic>();
        SqlLexer.Tokenize("x\n" + sql, "t.sql", diagnostics);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal((2, 1), (diagnostic.Span.Line, diagnostic.Span.Column));
    }
}
