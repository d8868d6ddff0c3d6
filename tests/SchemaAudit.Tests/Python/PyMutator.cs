using System.Text;
using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Tests.Python;

/// <summary>
/// A seeded mutator over real model files: truncates, deletes, duplicates and swaps tokens and lines,
/// inserts random characters and Python fragments, shifts indentation and builds deep nesting.
/// The same seed always yields the same inputs, so any failure can be replayed.
/// </summary>
internal sealed class PyMutator(int seed, IReadOnlyList<string> corpus)
{
    private static readonly string[] s_fragments =
    [
        "(", ")", "[", "]", "{", "}", ":", "=", ",", ".", "'", "\"", "'''", "\"\"\"", "\\", "\\\n", "\n", "\t", "    ",
        "#", "@", "lambda", "def ", "class ", "if ", "else", "elif x:", "async ", "await ", "yield ", "*", "**", "->",
        ":=", "f'{", "f\"{x['", "}", "rb'", "0x", "1e", "1_", "...", ";", "not in", "is not", "\r", "\r\n", "\0",
        "\uFEFF", "\uD800", "\uDC00", "é", "𝔘", "match x:\n    ", "case _:", "try:", "except", "finally:", "del ",
        "global ", "from . import ", "import ", "return", "pass", "with a as b:", "for x in y:", "while 1:", "type X = ",
        "Mapped[", "mapped_column(", "Column(Integer, ", "primary_key=True", "__table_args__ = (", "\f", "$", "?", "!",
    ];

    private static readonly string[] s_nestingUnits = ["(", "[", "{", "-", "not ", "lambda: ", "a if b else ", "a ** ", "f(", "x[", "*", "await "];

    private readonly Random _random = new(seed);

    public string Next()
    {
        var text = corpus[_random.Next(corpus.Count)];
        var mutations = 1 + _random.Next(4);
        for (var i = 0; i < mutations; i++) text = MutateOnce(text);
        return text;
    }

    private string MutateOnce(string text)
    {
        if (text.Length == 0) return Fragment();
        return _random.Next(12) switch
        {
            0 => text[..Offset(text)],
            1 => DeleteToken(text),
            2 => DuplicateToken(text),
            3 => SwapTokens(text),
            4 => DeleteLine(text),
            5 => DuplicateLine(text),
            6 => SwapLines(text),
            7 => text.Insert(Offset(text), RandomCharacters()),
            8 => text.Insert(Offset(text), Fragment()),
            9 => ShiftIndentation(text),
            10 => DeleteRange(text),
            _ => _random.Next(25) == 0 ? text.Insert(Offset(text), DeepNesting()) : text.Insert(Offset(text), Fragment()),
        };
    }

    private int Offset(string text) => _random.Next(text.Length + 1);

    private string Fragment() => s_fragments[_random.Next(s_fragments.Length)];

    private string RandomCharacters()
    {
        var sb = new StringBuilder();
        var count = 1 + _random.Next(6);
        for (var i = 0; i < count; i++)
        {
            sb.Append(_random.Next(4) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(32, 127),
                2 => (char)_random.Next(0xD800, 0xE000),
                _ => (char)_random.Next(127, 0x3000),
            });
        }
        return sb.ToString();
    }

    private string DeepNesting()
    {
        if (_random.Next(4) == 0)
        {
            // Deep indentation: a staircase of blocks.
            var sb = new StringBuilder("\n");
            var depth = 50 + _random.Next(400);
            for (var i = 0; i < depth; i++) sb.Append(' ', i).Append("if x:\n");
            return sb.Append(' ', depth).Append("pass\n").ToString();
        }
        var unit = s_nestingUnits[_random.Next(s_nestingUnits.Length)];
        return string.Concat(Enumerable.Repeat(unit, 1_000 + _random.Next(9_000)));
    }

    private (int Start, int Length) RandomToken(string text)
    {
        var tokens = PyLexer.Tokenize(text).Tokens;
        if (tokens.Length == 0) return (0, 0);
        var token = tokens[_random.Next(tokens.Length)];
        return (token.Start, token.Length);
    }

    private string DeleteToken(string text)
    {
        var (start, length) = RandomToken(text);
        return text.Remove(start, length);
    }

    private string DuplicateToken(string text)
    {
        var (start, length) = RandomToken(text);
        return text.Insert(start, text.Substring(start, length) + (_random.Next(2) == 0 ? " " : ""));
    }

    private string SwapTokens(string text)
    {
        var a = RandomToken(text);
        var b = RandomToken(text);
        if (a.Start > b.Start) (a, b) = (b, a);
        if (a.Start + a.Length > b.Start) return text;
        return text[..a.Start] + text.Substring(b.Start, b.Length)
            + text[(a.Start + a.Length)..b.Start]
            + text.Substring(a.Start, a.Length) + text[(b.Start + b.Length)..];
    }

    private List<string> Lines(string text) => [.. text.Split('\n')];

    private string DeleteLine(string text)
    {
        var lines = Lines(text);
        lines.RemoveAt(_random.Next(lines.Count));
        return string.Join('\n', lines);
    }

    private string DuplicateLine(string text)
    {
        var lines = Lines(text);
        var i = _random.Next(lines.Count);
        lines.Insert(_random.Next(lines.Count + 1), lines[i]);
        return string.Join('\n', lines);
    }

    private string SwapLines(string text)
    {
        var lines = Lines(text);
        var i = _random.Next(lines.Count);
        var j = _random.Next(lines.Count);
        (lines[i], lines[j]) = (lines[j], lines[i]);
        return string.Join('\n', lines);
    }

    private string ShiftIndentation(string text)
    {
        var lines = Lines(text);
        var i = _random.Next(lines.Count);
        lines[i] = _random.Next(3) switch
        {
            0 => lines[i].TrimStart(),
            1 => new string(' ', 1 + _random.Next(8)) + lines[i],
            _ => "\t" + lines[i],
        };
        return string.Join('\n', lines);
    }

    private string DeleteRange(string text)
    {
        var start = _random.Next(text.Length);
        return text.Remove(start, Math.Min(text.Length - start, 1 + _random.Next(40)));
    }
}
