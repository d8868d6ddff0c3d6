using SchemaAudit.Discovery;

namespace SchemaAudit.Tests.Discovery;

public sealed class GlobPatternTests
{
    [Theory]
    // A name without a slash matches at any depth.
    [InlineData("*.py", "models.py", false, true)]
    [InlineData("*.py", "app/db/models.py", false, true)]
    [InlineData("*.py", "models.pyc", false, false)]
    [InlineData("legacy_*", "app/legacy_user.py", false, true)]
    [InlineData("?.py", "a.py", false, true)]
    [InlineData("?.py", "ab.py", false, false)]
    [InlineData("[ab].py", "b.py", false, true)]
    [InlineData("[!ab].py", "b.py", false, false)]
    [InlineData("[a-c]x", "cx", false, true)]
    [InlineData("\\#notes", "#notes", false, true)]
    // A slash anchors the pattern to its base directory.
    [InlineData("/models.py", "models.py", false, true)]
    [InlineData("/models.py", "app/models.py", false, false)]
    [InlineData("app/models.py", "app/models.py", false, true)]
    [InlineData("app/models.py", "x/app/models.py", false, false)]
    [InlineData("app/*.py", "app/a.py", false, true)]
    [InlineData("app/*.py", "app/sub/a.py", false, false)]
    // "**" spans any number of directories.
    [InlineData("**/legacy_*.py", "legacy_a.py", false, true)]
    [InlineData("**/legacy_*.py", "a/b/c/legacy_a.py", false, true)]
    [InlineData("migrations/**", "migrations/versions/001.py", false, true)]
    [InlineData("migrations/**", "migrations", true, false)]
    [InlineData("a/**/b", "a/b", true, true)]
    [InlineData("a/**/b", "a/x/y/b", true, true)]
    [InlineData("a/**/b", "a/x/y/c", true, false)]
    [InlineData("a/**/b/*.py", "a/x/b/y/m.py", false, false)]
    [InlineData("a/**/b/*.py", "a/x/b/m.py", false, true)]
    // A trailing slash matches directories only.
    [InlineData("generated/", "generated", true, true)]
    [InlineData("generated/", "generated", false, false)]
    [InlineData("generated/", "src/generated", true, true)]
    public void Matches_like_git(string pattern, string path, bool isDirectory, bool expected)
    {
        var glob = GlobPattern.Parse(pattern)!;
        Assert.Equal(expected, glob.Matches(path, isDirectory));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# a comment")]
    [InlineData("!")]
    [InlineData("/")]
    public void Blank_lines_and_comments_are_not_patterns(string line) => Assert.Null(GlobPattern.Parse(line));

    [Fact]
    public void Negation_and_trailing_spaces_are_understood()
    {
        var negated = GlobPattern.Parse("!keep.py   ")!;
        Assert.True(negated.IsNegated);
        Assert.True(negated.Matches("keep.py", false));

        var escapedSpace = GlobPattern.Parse("name\\ ")!;
        Assert.False(escapedSpace.Matches("name", false));
    }

    [Fact]
    public void Matching_ten_thousand_paths_against_ten_patterns_keeps_them()
    {
        var rules = new IgnoreRules(Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? $"**/gen{i}/**/*.tmp" : $"dir{i}/*.log"));
        var paths = Enumerable.Range(0, 10_000).Select(i => $"src/module{i % 100}/sub{i % 7}/file{i}.py").ToList();
        rules.Evaluate(paths[0], false); // warm up

        var ignored = 0;
        foreach (var path in paths)
        {
            if (rules.Evaluate(path, false) == IgnoreVerdict.Ignored) ignored++;
        }

        Assert.Equal(0, ignored);
    }

    [Fact]
    public void Many_double_stars_do_not_backtrack_exponentially()
    {
        var glob = GlobPattern.Parse("**/x/**/x/**/x/**/x/**/z")!;
        var path = string.Join('/', Enumerable.Repeat("x", 2_000)) + "/y";

        // Exponential backtracking would never finish here; the matcher answers at once.
        Assert.False(glob.Matches(path, isDirectory: false));
        Assert.True(glob.Matches(path[..^1] + "z", isDirectory: false));
    }
}
