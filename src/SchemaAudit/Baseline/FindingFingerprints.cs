using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SchemaAudit.Analysis;

namespace SchemaAudit.Baseline;

/// <summary>
/// Identities for findings that survive unrelated edits: a hash of the rule, the object (table and
/// column, or the file for findings about no table) and the message without line numbers, plus an
/// occurrence number for identical findings. The line is deliberately not part of it, so inserting
/// code above a defect does not make it "new". Used by baselines and by SARIF partial fingerprints.
/// </summary>
public static partial class FindingFingerprints
{
    /// <summary>Bumped if the recipe changes, so old baselines are not silently misread.</summary>
    public const string Version = "v1";

    /// <summary>
    /// The findings with <see cref="Finding.Fingerprint"/> set, in the same order. Occurrences are numbered
    /// in report order (path, line), separately for active and suppressed findings. Findings that already
    /// carry fingerprints (a result filtered by a baseline) are returned as they are.
    /// </summary>
    public static IReadOnlyList<Finding> Assign(IReadOnlyList<Finding> findings)
    {
        if (findings.All(f => f.Fingerprint is not null)) return findings;
        var seen = new Dictionary<(string, bool), int>();
        var result = new List<Finding>(findings.Count);
        foreach (var finding in findings)
        {
            var hash = Hash(finding);
            var key = (hash, finding.IsSuppressed);
            var occurrence = seen.GetValueOrDefault(key) + 1;
            seen[key] = occurrence;
            result.Add(finding with { Fingerprint = $"{hash}/{occurrence}" });
        }
        return result;
    }

    /// <summary>The occurrence-independent part: 16 hex digits of SHA-256 over rule, object and normalized message.</summary>
    public static string Hash(Finding finding)
    {
        var subject = finding.Table is { } table
            ? "table:" + table.ToLowerInvariant()
            : "file:" + finding.Span.Path;
        var text = string.Join('\n', Version, finding.RuleId, subject, finding.ColumnName?.ToLowerInvariant() ?? "", NormalizeMessage(finding.Message));
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }

    /// <summary>The message without the line numbers it may quote (<c>models.py:42</c>, <c>line 42</c>), whitespace collapsed.</summary>
    public static string NormalizeMessage(string message)
    {
        var text = PathLineColumn().Replace(message, "");
        text = LineWord().Replace(text, "$1");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"(?<=\S):\d+(?::\d+)?\b")]
    private static partial Regex PathLineColumn();

    [GeneratedRegex(@"\b(lines?)\s+\d+(?:\s*[-–]\s*\d+)?", RegexOptions.IgnoreCase)]
    private static partial Regex LineWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
