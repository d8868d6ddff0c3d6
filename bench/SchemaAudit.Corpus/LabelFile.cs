namespace SchemaAudit.Corpus;

public enum Verdict
{
    /// <summary>A defect a maintainer would fix, at the reported severity.</summary>
    Real,

    /// <summary>True but not worth acting on, or the severity is too high.</summary>
    Noise,

    /// <summary>The code does not have this problem.</summary>
    Wrong,
}

/// <summary>One hand judgement of a finding: which rule, where, and the verdict with its reason.</summary>
public sealed record Label(string Rule, string Path, int Line, Verdict Verdict, string Reason)
{
    /// <summary>Findings and labels meet on rule, path and line.</summary>
    public FindingKey Key => new(Rule, Path, Line);
}

/// <summary>Where a finding points: the identity a label is attached to.</summary>
public readonly record struct FindingKey(string Rule, string Path, int Line);

/// <summary>The labels of one project: <c>bench/corpus/labels/&lt;owner&gt;__&lt;name&gt;.yaml</c>.</summary>
public sealed record LabelFile(string Repo, string Commit, IReadOnlyList<Label> Labels)
{
    public static LabelFile Empty { get; } = new("", "", []);

    private sealed class RawFile
    {
        public string Repo { get; set; } = "";
        public string Commit { get; set; } = "";
        public List<RawLabel> Labels { get; set; } = [];
    }

    private sealed class RawLabel
    {
        public string Rule { get; set; } = "";
        public string Path { get; set; } = "";
        public int Line { get; set; }
        public string Verdict { get; set; } = "";
        public string Reason { get; set; } = "";
    }

    /// <param name="source">Named in error messages.</param>
    public static LabelFile Parse(string yaml, string source)
    {
        var raw = CorpusManifest.Deserializer().Deserialize<RawFile?>(yaml) ?? new RawFile();
        var labels = new List<Label>(raw.Labels.Count);
        foreach (var entry in raw.Labels)
        {
            if (!Enum.TryParse<Verdict>(entry.Verdict, ignoreCase: true, out var verdict))
                throw new InvalidDataException($"{source}: `{entry.Rule}` at {entry.Path}:{entry.Line} has verdict `{entry.Verdict}`; expected real, noise or wrong");
            labels.Add(new Label(entry.Rule, entry.Path, entry.Line, verdict, entry.Reason));
        }
        return new LabelFile(raw.Repo, raw.Commit, labels);
    }
}
