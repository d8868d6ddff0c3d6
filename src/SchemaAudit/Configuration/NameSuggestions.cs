namespace SchemaAudit.Configuration;

/// <summary>"Did you mean …?" for mistyped rule ids, option values and configuration keys.</summary>
public static class NameSuggestions
{
    /// <summary>
    /// The candidates closest to <paramref name="text"/> (edit distance, then shared prefix),
    /// best first; only those close enough to be a plausible typo, plus substring matches.
    /// </summary>
    public static IReadOnlyList<string> Closest(string text, IEnumerable<string> candidates, int max = 3)
    {
        var scored = new List<(string Candidate, int Distance)>();
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(text, candidate);
            var plausible = distance <= Math.Max(2, candidate.Length / 3)
                || (text.Length >= 3 && candidate.Contains(text, StringComparison.OrdinalIgnoreCase));
            if (plausible) scored.Add((candidate, distance));
        }
        return [.. scored
            .OrderBy(s => s.Distance)
            .ThenBy(s => s.Candidate, StringComparer.Ordinal)
            .Take(max)
            .Select(s => s.Candidate)];
    }

    /// <summary><c> (did you mean `a` or `b`?)</c>, or an empty string when nothing is close.</summary>
    public static string DidYouMean(string text, IEnumerable<string> candidates)
    {
        var closest = Closest(text, candidates);
        return closest.Count == 0 ? "" : $" (did you mean {string.Join(" or ", closest.Select(c => $"`{c}`"))}?)";
    }

    /// <summary>Levenshtein distance, case-insensitive, two rows of memory.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
