using System.Runtime.CompilerServices;

namespace SchemaAudit.Tests;

/// <summary>Locates the repository's folders (from this source file, so any build output folder works).</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "fixtures");

    public static string Examples => Path.Combine(RepositoryRoot, "examples");

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile) ?? AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SchemaAudit.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SchemaAudit.sln not found above " + thisFile);
    }
}
