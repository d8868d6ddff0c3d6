using System.Collections.Frozen;

namespace SchemaAudit.Frontends.Python;

/// <summary>The hard keywords of Python 3, looked up by span without allocating.</summary>
internal static class PyKeywords
{
    private static readonly FrozenDictionary<string, PyTokenKind> s_keywords = new Dictionary<string, PyTokenKind>(StringComparer.Ordinal)
    {
        ["False"] = PyTokenKind.False, ["None"] = PyTokenKind.None, ["True"] = PyTokenKind.True,
        ["and"] = PyTokenKind.And, ["as"] = PyTokenKind.As, ["assert"] = PyTokenKind.Assert,
        ["async"] = PyTokenKind.Async, ["await"] = PyTokenKind.Await, ["break"] = PyTokenKind.Break,
        ["class"] = PyTokenKind.Class, ["continue"] = PyTokenKind.Continue, ["def"] = PyTokenKind.Def,
        ["del"] = PyTokenKind.Del, ["elif"] = PyTokenKind.Elif, ["else"] = PyTokenKind.Else,
        ["except"] = PyTokenKind.Except, ["finally"] = PyTokenKind.Finally, ["for"] = PyTokenKind.For,
        ["from"] = PyTokenKind.From, ["global"] = PyTokenKind.Global, ["if"] = PyTokenKind.If,
        ["import"] = PyTokenKind.Import, ["in"] = PyTokenKind.In, ["is"] = PyTokenKind.Is,
        ["lambda"] = PyTokenKind.Lambda, ["nonlocal"] = PyTokenKind.Nonlocal, ["not"] = PyTokenKind.Not,
        ["or"] = PyTokenKind.Or, ["pass"] = PyTokenKind.Pass, ["raise"] = PyTokenKind.Raise,
        ["return"] = PyTokenKind.Return, ["try"] = PyTokenKind.Try, ["while"] = PyTokenKind.While,
        ["with"] = PyTokenKind.With, ["yield"] = PyTokenKind.Yield,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, PyTokenKind>.AlternateLookup<ReadOnlySpan<char>> s_bySpan =
        s_keywords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryGet(ReadOnlySpan<char> word, out PyTokenKind kind) => s_bySpan.TryGetValue(word, out kind);
}
