using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Tests.Python;

public sealed class PyLexerTests
{
    private static PyLexResult Lex(string source) => PyLexer.Tokenize(source);

    private static PyTokenKind[] Kinds(string source)
    {
        var tokens = Lex(source).Tokens;
        var kinds = new PyTokenKind[tokens.Length];
        for (var i = 0; i < tokens.Length; i++) kinds[i] = tokens[i].Kind;
        return kinds;
    }

    private static PyToken Single(string source, PyTokenKind kind)
    {
        var tokens = Lex(source).Tokens.ToArray();
        return Assert.Single(tokens, t => t.Kind == kind);
    }

    [Fact]
    public void Indentation_produces_indent_and_dedent_pairs()
    {
        const string source = "class A:\n    x = 1\n    if x:\n        y = 2\nz = 3\n";
        Assert.Equal(
        [
            PyTokenKind.Class, PyTokenKind.Name, PyTokenKind.Colon, PyTokenKind.Newline,
            PyTokenKind.Indent, PyTokenKind.Name, PyTokenKind.Assign, PyTokenKind.Number, PyTokenKind.Newline,
            PyTokenKind.If, PyTokenKind.Name, PyTokenKind.Colon, PyTokenKind.Newline,
            PyTokenKind.Indent, PyTokenKind.Name, PyTokenKind.Assign, PyTokenKind.Number, PyTokenKind.Newline,
            PyTokenKind.Dedent, PyTokenKind.Dedent,
            PyTokenKind.Name, PyTokenKind.Assign, PyTokenKind.Number, PyTokenKind.Newline,
            PyTokenKind.EndOfFile,
        ], Kinds(source));
    }

    [Fact]
    public void Blank_and_comment_lines_do_not_affect_indentation()
    {
        const string source = "def f():\n    a = 1\n\n  # odd comment\n\t\n    b = 2\n";
        var kinds = Kinds(source);
        Assert.Equal(1, kinds.Count(k => k == PyTokenKind.Indent));
        Assert.Equal(1, kinds.Count(k => k == PyTokenKind.Dedent));
        Assert.Empty(Lex(source).Errors);
    }

    [Fact]
    public void Dedents_are_closed_at_end_of_file_without_trailing_newline()
    {
        var kinds = Kinds("if a:\n    if b:\n        c");
        Assert.Equal([PyTokenKind.Newline, PyTokenKind.Dedent, PyTokenKind.Dedent, PyTokenKind.EndOfFile], kinds[^4..]);
    }

    [Fact]
    public void Tab_indented_blocks()
    {
        const string source = "if a:\n\tb = 1\n\tif b:\n\t\tc = 2\nd = 3\n";
        Assert.Empty(Lex(source).Errors);
        Assert.Equal(2, Kinds(source).Count(k => k == PyTokenKind.Indent));
        Assert.Equal(2, Kinds(source).Count(k => k == PyTokenKind.Dedent));
    }

    [Fact]
    public void Inconsistent_dedent_is_a_diagnostic_not_an_exception()
    {
        var result = Lex("if a:\n        b = 1\n    c = 2\nd = 3\n");
        var error = Assert.Single(result.Errors);
        Assert.Contains("unindent does not match", error.Message, StringComparison.Ordinal);
        Assert.Equal("if a:\n        b = 1\n".Length + 4, error.Offset);
    }

    [Fact]
    public void Inconsistent_tabs_and_spaces_are_reported()
    {
        var result = Lex("if a:\n        b = 1\n\tc = 2\n");
        Assert.Contains(result.Errors, e => e.Message.Contains("inconsistent use of tabs", StringComparison.Ordinal));
    }

    [Fact]
    public void Newlines_inside_brackets_are_joined()
    {
        var kinds = Kinds("x = f(\n    1,\n    2,\n)\ny = 2\n");
        Assert.Equal(2, kinds.Count(k => k == PyTokenKind.Newline));
        Assert.DoesNotContain(PyTokenKind.Indent, kinds);
    }

    [Fact]
    public void Backslash_continues_the_line()
    {
        var kinds = Kinds("x = 1 + \\\n    2\n");
        Assert.Equal([PyTokenKind.Name, PyTokenKind.Assign, PyTokenKind.Number, PyTokenKind.Plus, PyTokenKind.Number, PyTokenKind.Newline, PyTokenKind.EndOfFile], kinds);
    }

    [Fact]
    public void Backslash_followed_by_other_text_is_reported()
    {
        var result = Lex("x = 1 \\ 2\n");
        Assert.Contains(result.Errors, e => e.Message.Contains("after line continuation", StringComparison.Ordinal) && e.Offset == 6);
    }

    [Fact]
    public void Comments_are_collected_with_positions()
    {
        var result = Lex("x = 1  # note: keep\n# whole line\n    # indented\n");
        Assert.Equal(
        [
            new PyComment(" note: keep", 1, 8),
            new PyComment(" whole line", 2, 1),
            new PyComment(" indented", 3, 5),
        ], result.Comments);
    }

    [Theory]
    [InlineData("'abc'", "abc")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("'''a\nb'''", "a\nb")]
    [InlineData("\"\"\"a \"quoted\" b\"\"\"", "a \"quoted\" b")]
    [InlineData("'it\\'s'", "it's")]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("'a\\nb\\tc\\\\d'", "a\nb\tc\\d")]
    [InlineData("'\\x41\\u00e9\\U0001F600'", "Aé😀")]
    [InlineData("'\\101'", "A")]
    [InlineData("'\\q\\d'", "\\q\\d")]
    [InlineData("'line\\\ncontinued'", "linecontinued")]
    [InlineData("r'\\n\\d'", "\\n\\d")]
    [InlineData("R\"\\n\"", "\\n")]
    [InlineData("b'\\x00'", "\0")]
    [InlineData("b'\\u0041'", "\\u0041")]
    [InlineData("u'abc'", "abc")]
    [InlineData("rb'\\d'", "\\d")]
    [InlineData("Br'\\d'", "\\d")]
    [InlineData("f'{x}\\n'", "{x}\\n")]
    [InlineData("rf'{x}'", "{x}")]
    [InlineData("FR'{x}'", "{x}")]
    [InlineData("f\"{d['key']}\"", "{d['key']}")]
    [InlineData("f'{d[\"key\"]}'", "{d[\"key\"]}")]
    [InlineData("f\"{x['a'][0]:>{width}} {{literal}}\"", "{x['a'][0]:>{width}} {{literal}}")]
    [InlineData("f\"{f'{1}'}\"", "{f'{1}'}")]
    [InlineData("f\"{d[\"same quotes\"]}\"", "{d[\"same quotes\"]}")]
    [InlineData("f'''{\n x }'''", "{\n x }")]
    public void String_forms_are_decoded(string literal, string expected)
    {
        var token = Single(literal + "\n", PyTokenKind.String);
        Assert.Equal(expected, token.Value);
        Assert.Equal(0, token.Start);
        Assert.Equal(literal.Length, token.Length);
        Assert.Empty(Lex(literal).Errors);
    }

    [Fact]
    public void Unterminated_string_is_reported_and_lexing_continues()
    {
        var result = Lex("x = 'open\ny = 2\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal("unterminated string literal", error.Message);
        Assert.Equal(4, error.Offset);
        var names = result.Tokens.ToArray().Where(t => t.Kind == PyTokenKind.Name).Select(t => t.Value);
        Assert.Equal(["x", "y"], names);
    }

    [Fact]
    public void Unterminated_triple_quoted_string_runs_to_end_of_file()
    {
        var result = Lex("x = '''open\ny = 2\n");
        Assert.Equal("unterminated triple-quoted string literal", Assert.Single(result.Errors).Message);
        Assert.Equal(PyTokenKind.EndOfFile, result.Tokens[^1].Kind);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("42")]
    [InlineData("1_000_000")]
    [InlineData("0x1F")]
    [InlineData("0XdeadBEEF")]
    [InlineData("0o17")]
    [InlineData("0b1010_1010")]
    [InlineData("3.14")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1e10")]
    [InlineData("1.5E-3")]
    [InlineData("2e+8")]
    [InlineData("10j")]
    [InlineData("1.5J")]
    [InlineData("00")]
    public void Number_forms_are_single_tokens(string literal)
    {
        var result = Lex(literal + "\n");
        Assert.Empty(result.Errors);
        var token = result.Tokens[0];
        Assert.Equal(PyTokenKind.Number, token.Kind);
        Assert.Equal(literal.Length, token.Length);
    }

    [Theory]
    [InlineData("0x", "invalid hexadecimal literal")]
    [InlineData("0b2", "invalid binary literal")]
    [InlineData("1e", "exponent has no digits")]
    [InlineData("0777", "leading zeros")]
    public void Malformed_numbers_are_reported(string literal, string message)
    {
        var error = Assert.Single(Lex(literal + "\n").Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("->", PyTokenKind.Arrow)]
    [InlineData(":=", PyTokenKind.ColonEqual)]
    [InlineData("**=", PyTokenKind.DoubleStarEqual)]
    [InlineData("//=", PyTokenKind.DoubleSlashEqual)]
    [InlineData(">>=", PyTokenKind.RightShiftEqual)]
    [InlineData("<<", PyTokenKind.LeftShift)]
    [InlineData("@", PyTokenKind.At)]
    [InlineData("@=", PyTokenKind.AtEqual)]
    [InlineData("...", PyTokenKind.Ellipsis)]
    [InlineData("!=", PyTokenKind.NotEqual)]
    [InlineData("**", PyTokenKind.DoubleStar)]
    [InlineData("//", PyTokenKind.DoubleSlash)]
    [InlineData("~", PyTokenKind.Tilde)]
    public void Operators_are_longest_match(string text, PyTokenKind kind)
    {
        var token = Lex("a " + text + " b\n").Tokens[1];
        Assert.Equal(kind, token.Kind);
        Assert.Equal(text.Length, token.Length);
    }

    [Fact]
    public void Keywords_and_soft_keywords()
    {
        Assert.Equal([PyTokenKind.Async, PyTokenKind.Def, PyTokenKind.Name, PyTokenKind.Name, PyTokenKind.Name, PyTokenKind.None],
            Kinds("async def match case type None")[..6]);
    }

    [Fact]
    public void Identifiers_are_interned_and_unicode_aware()
    {
        var tokens = Lex("名前 = ünï + 名前 + 𝔘𝔫𝔦\n").Tokens.ToArray();
        var names = tokens.Where(t => t.Kind == PyTokenKind.Name).ToArray();
        Assert.Equal(["名前", "ünï", "名前", "𝔘𝔫𝔦"], names.Select(t => t.Value));
        Assert.Same(names[0].Value, names[2].Value);
    }

    [Fact]
    public void Token_positions_are_one_based_lines_and_columns()
    {
        var tokens = Lex("a = 1\n  \nclass B:\n    pass\n").Tokens.ToArray();
        var pass = Assert.Single(tokens, t => t.Kind == PyTokenKind.Pass);
        Assert.Equal((4, 5), (pass.Line, pass.Column));
        var b = Assert.Single(tokens, t => t.Value == "B");
        Assert.Equal((3, 7), (b.Line, b.Column));
    }

    [Fact]
    public void Crlf_and_lone_cr_line_endings()
    {
        var tokens = Lex("a = 1\r\nb = 2\rc = 3\r\n").Tokens.ToArray();
        Assert.Equal([1, 2, 3], tokens.Where(t => t.Kind == PyTokenKind.Name).Select(t => t.Line));
    }

    [Fact]
    public void Invalid_characters_are_reported_and_skipped()
    {
        var result = Lex("a = $b ? c\n");
        Assert.Equal(["invalid character '$'", "invalid character '?'"], result.Errors.Select(e => e.Message));
        Assert.Equal(3, result.Tokens.ToArray().Count(t => t.Kind == PyTokenKind.Name));
    }

    [Fact]
    public void An_unclosed_bracket_does_not_swallow_the_next_statement()
    {
        var kinds = Kinds("class A:\n    id = Column(Integer\n    name = Column(String)\n");
        // The bracket is abandoned at the next line that starts like a statement: both lines end with NEWLINE.
        Assert.Equal(3, kinds.Count(k => k == PyTokenKind.Newline));
    }

    [Fact]
    public void Valid_code_with_odd_indentation_inside_brackets_is_joined_as_python_does()
    {
        // Only a file with a bracket that is never closed gets the recovery above.
        var kinds = Kinds("t = Table('t', meta,\nname = Column(String),\n)\nclass A: pass\n");
        Assert.Equal(2, kinds.Count(k => k == PyTokenKind.Newline));
    }

    [Fact]
    public void Indentation_runs_on_across_a_continuation_as_in_cpython()
    {
        var kinds = Kinds("if x:\n    a = 1\n\\\n    b = 2\n");
        Assert.Equal(1, kinds.Count(k => k == PyTokenKind.Indent));
        Assert.Empty(Lex("if x:\n    a = 1\n\\\n    b = 2\n").Errors);
    }

    [Fact]
    public void Byte_order_mark_is_skipped()
    {
        Assert.Equal([PyTokenKind.Name, PyTokenKind.Newline, PyTokenKind.EndOfFile], Kinds("\uFEFFx\n"));
    }
}
