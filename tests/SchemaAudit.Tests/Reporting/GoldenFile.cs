using System.Text;

namespace SchemaAudit.Tests.Reporting;

/// <summary>
/// Compares output with <c>tests/golden/&lt;name&gt;</c>. On a difference the failure shows a line
/// diff; with <c>SCHEMA_AUDIT_UPDATE_GOLDEN=1</c> the file is (re)written instead, to be reviewed
/// with <c>git diff</c> and committed.
/// </summary>
internal static class GoldenFile
{
    public const string UpdateVariable = "SCHEMA_AUDIT_UPDATE_GOLDEN";

    public static string Directory => Path.Combine(TestPaths.RepositoryRoot, "tests", "golden");

    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(Directory, name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }
        Assert.True(File.Exists(path), $"Golden file {name} is missing: run the tests with {UpdateVariable}=1 to create it, then review it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual) return;
        Assert.Fail($"Output differs from tests/golden/{name} (- golden, + actual); if the change is intended, rerun with {UpdateVariable}=1 and review the diff.\n{LineDiff.Render(expected, actual)}");
    }
}

/// <summary>A small line diff (longest common subsequence) with three lines of context, for test failures.</summary>
internal static class LineDiff
{
    private const int Context = 3;
    private const int MaxLines = 4000; // LCS is quadratic; golden files are far smaller

    public static string Render(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        if (a.Length > MaxLines || b.Length > MaxLines)
            return $"(files too large to diff: {a.Length} vs {b.Length} lines)";

        var ops = Diff(a, b);
        var changed = new bool[ops.Count];
        for (var i = 0; i < ops.Count; i++) changed[i] = ops[i].Kind != ' ';
        var sb = new StringBuilder();
        var lastShown = -1;
        for (var i = 0; i < ops.Count; i++)
        {
            var near = false;
            for (var j = Math.Max(0, i - Context); j <= Math.Min(ops.Count - 1, i + Context) && !near; j++) near = changed[j];
            if (!near) continue;
            if (lastShown >= 0 && i > lastShown + 1) sb.Append("  ...\n");
            if (lastShown < 0 && i > 0) sb.Append("  ...\n");
            sb.Append(ops[i].Kind).Append(' ').Append(ops[i].Line).Append(ops[i].Kind == ' ' ? "" : $"    (line {ops[i].Number})").Append('\n');
            lastShown = i;
        }
        if (lastShown >= 0 && lastShown < ops.Count - 1) sb.Append("  ...\n");
        return sb.ToString();
    }

    private static List<(char Kind, string Line, int Number)> Diff(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var ops = new List<(char, string, int)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { ops.Add((' ', a[x], x + 1)); x++; y++; }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) { ops.Add(('-', a[x], x + 1)); x++; }
            else { ops.Add(('+', b[y], y + 1)); y++; }
        }
        return ops;
    }
}
