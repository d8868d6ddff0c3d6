namespace SchemaAudit.Tests;

/// <summary>Locates the repository's folders from the test binary.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "fixtures");

    public static string Examples => Path.Combine(RepositoryRoot, "examples");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SchemaAudit.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SchemaAudit.sln not found above " + AppContext.BaseDirectory);
    }
}
