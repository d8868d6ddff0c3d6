using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SchemaAudit.Corpus;

/// <summary>One real project of the precision suite, as <c>bench/corpus/projects.yaml</c> describes it.</summary>
public sealed class CorpusProject
{
    /// <summary>Folder name under the corpus directory: <c>owner__name</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>GitHub <c>owner/name</c>.</summary>
    public string Repo { get; set; } = "";

    /// <summary>The commit the labels were judged at (40 hex).</summary>
    public string Commit { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Dialect { get; set; } = "";

    /// <summary>Never used to tune rules: its figures are reported apart.</summary>
    public bool Holdout { get; set; }

    /// <summary>Sub-folders to audit instead of the whole checkout (relative to its root).</summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>A senior reviewer's grade (A–F) of the project's data model; the score is calibrated on it.</summary>
    public string ReviewerGrade { get; set; } = "";

    public string ReviewerReason { get; set; } = "";
}

/// <summary>Reads the project list of the suite.</summary>
public static class CorpusManifest
{
    private sealed class ManifestFile
    {
        public List<CorpusProject> Projects { get; set; } = [];
    }

    public static IReadOnlyList<CorpusProject> Parse(string yaml)
    {
        var file = Deserializer().Deserialize<ManifestFile?>(yaml) ?? new ManifestFile();
        foreach (var project in file.Projects)
        {
            if (string.IsNullOrWhiteSpace(project.Name))
                throw new InvalidDataException("projects.yaml: a project has no `name`");
        }
        return file.Projects;
    }

    internal static IDeserializer Deserializer() => new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();
}
