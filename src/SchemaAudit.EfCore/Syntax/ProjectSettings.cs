using System.Text.RegularExpressions;
using SchemaAudit.Discovery;

namespace SchemaAudit.EfCore.Syntax;

/// <summary>
/// <c>&lt;Nullable&gt;</c> per .NET project: the nearest <c>.csproj</c> above a file decides, and where it says
/// nothing, the nearest <c>Directory.Build.props</c> above it (as MSBuild imports it).
/// </summary>
internal sealed partial class ProjectSettings
{
    private readonly Dictionary<string, bool?> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool?> _props = new(StringComparer.Ordinal);

    [GeneratedRegex(@"<Nullable>\s*(?<value>\w+)\s*</Nullable>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NullableElement();

    [GeneratedRegex(@"<Using\s+Include=""(?<ns>[\w.]+)""\s*/>", RegexOptions.CultureInvariant)]
    private static partial Regex UsingItem();

    /// <summary><c>&lt;Using Include="X" /&gt;</c> items of a project: global usings declared in MSBuild.</summary>
    public static IEnumerable<string> UsingItems(string projectText) => UsingItem().Matches(projectText).Select(m => m.Groups["ns"].Value);

    public ProjectSettings(IReadOnlyList<SourceFile> files)
    {
        foreach (var file in files)
        {
            var name = System.IO.Path.GetFileName(file.RelativePath);
            var directory = DirectoryOf(file.RelativePath);
            if (file.Extension == ".csproj") _projects[directory] = Read(file.Text);
            else if (name.Equals("Directory.Build.props", StringComparison.OrdinalIgnoreCase)) _props[directory] = Read(file.Text);
        }
    }

    private static bool? Read(string text)
    {
        var match = NullableElement().Match(text);
        if (!match.Success) return null;
        return match.Groups["value"].Value.ToLowerInvariant() is "enable" or "warnings" or "annotations";
    }

    /// <summary>Whether nullable reference types are on for a file (false when no project file says so, as the compiler's default).</summary>
    public bool NullableFor(string relativePath)
    {
        var directory = DirectoryOf(relativePath);
        var projectFound = false;
        for (var d = directory; ; d = Parent(d))
        {
            if (!projectFound && _projects.TryGetValue(d, out var project))
            {
                if (project is { } value) return value;
                projectFound = true;
            }
            if (_props.TryGetValue(d, out var props) && props is { } inherited) return inherited;
            if (d.Length == 0) return false;
        }
    }

    private static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static string Parent(string directory) => DirectoryOf(directory);
}
