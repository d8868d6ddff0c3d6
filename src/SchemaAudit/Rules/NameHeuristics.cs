using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace SchemaAudit.Rules;

/// <summary>
/// The one tokenizer every name-based rule uses: identifiers are split into lower-case words
/// (<c>node_sync_status</c> → node, sync, status; <c>apiKeyHash</c> → api, key, hash;
/// <c>HTTPServer</c> → http, server), so rules compare words instead of repeating regexes.
/// </summary>
public static class NameHeuristics
{
    // Dozens of rules ask for the words of the same table and column names: each distinct name is split
    // once. The cache holds the project's identifiers (linear in its size) and is emptied if it ever gets big.
    private const int MaxCachedNames = 200_000;
    private static readonly ConcurrentDictionary<string, string[]> s_words = new(StringComparer.Ordinal);

    /// <summary>Splits snake_case, kebab-case, camelCase and PascalCase into lower-case words. Digits stay with the letters before them (<c>s3</c>, <c>sha256</c>).</summary>
    public static IReadOnlyList<string> Words(string? name)
    {
        if (string.IsNullOrEmpty(name)) return [];
        if (s_words.TryGetValue(name, out var cached)) return cached;
        if (s_words.Count >= MaxCachedNames) s_words.Clear();
        return s_words[name] = Split(name);
    }

    private static string[] Split(string name)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(name, ref start, i, words);
                continue;
            }
            if (start >= 0 && IsBoundary(name, i)) Flush(name, ref start, i, words);
            if (start < 0) start = i;
        }
        Flush(name, ref start, name.Length, words);
        return words.ToArray();
    }

    // lower→Upper starts a word (apiKey); so does the last capital of an acronym followed by lower case (HTTPServer).
    private static bool IsBoundary(string s, int i)
    {
        var c = s[i];
        var prev = s[i - 1];
        if (!char.IsUpper(c)) return false;
        if (char.IsLower(prev) || char.IsDigit(prev)) return true;
        return char.IsUpper(prev) && i + 1 < s.Length && char.IsLower(s[i + 1]);
    }

    private static void Flush(string s, ref int start, int end, List<string> words)
    {
        if (start >= 0 && end > start) words.Add(s[start..end].ToLowerInvariant());
        start = -1;
    }

    /// <summary>A crude English singular, enough for table and attribute names (<c>entries</c> → entry, <c>messages</c> → message).</summary>
    public static string Singular(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal)) return word[..^3] + "y";
        if (word.Length > 4 && (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
                                || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)))
            return word[..^2];
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
            return word[..^1];
        return word;
    }

    /// <summary>The last word of a name, singular (<c>audit_log_entries</c> → entry).</summary>
    public static string? HeadNoun(string? name)
    {
        var words = Words(name);
        return words.Count == 0 ? null : Singular(words[^1]);
    }

    // Things that accumulate without bound over a parent's lifetime. Shared by the two
    // relationship rules: one recommends `select`/`write_only` for these, the other flags eager loading of them.
    private static readonly FrozenSet<string> s_unboundedNouns = new[]
    {
        "message", "event", "log", "vote", "comment", "notification", "audit", "history", "entry", "record",
        "transaction", "call", "reading", "measurement", "metric", "sample", "activity", "click", "visit",
        "impression", "pageview", "hit", "revision", "heartbeat", "delivery", "attempt", "trace", "changelog",
        "reply", "login",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// True when a collection with this name (attribute, table or class) can grow without bound:
    /// its head noun is one of <c>messages</c>, <c>events</c>, <c>logs</c>, <c>votes</c>, … or it starts with <c>audit</c>.
    /// </summary>
    public static bool LooksUnbounded(string? name)
    {
        var words = Words(name);
        if (words.Count == 0) return false;
        return s_unboundedNouns.Contains(Singular(words[^1])) || words[0] == "audit";
    }

    /// <summary>True when any word of <paramref name="name"/> is in <paramref name="set"/>.</summary>
    public static bool AnyWordIn(string? name, IReadOnlySet<string> set)
    {
        foreach (var w in Words(name))
            if (set.Contains(w)) return true;
        return false;
    }
}
