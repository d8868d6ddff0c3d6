namespace SchemaAudit.Tests.Reporting;

public sealed class LineDiffTests
{
    [Fact]
    public void Shows_removed_then_added_lines_with_context_and_line_numbers()
    {
        var diff = LineDiff.Render("a\nb\nc\nd\ne\nf\ng\nh\ni", "a\nb\nc\nd\nE\nf\ng\nh\ni");
        Assert.Equal("  ...\n  b\n  c\n  d\n- e    (line 5)\n+ E    (line 5)\n  f\n  g\n  h\n  ...\n", diff);
    }

    [Fact]
    public void Identical_texts_have_an_empty_diff() => Assert.Equal("", LineDiff.Render("x\ny", "x\ny"));
}
