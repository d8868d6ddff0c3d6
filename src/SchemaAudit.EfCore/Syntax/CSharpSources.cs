using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaAudit.Discovery;
using SchemaAudit.Model;
using Diagnostic = SchemaAudit.Model.Diagnostic;
using DiagnosticSeverity = SchemaAudit.Model.DiagnosticSeverity;

namespace SchemaAudit.EfCore.Syntax;

/// <summary>One parsed C# file: its syntax tree (never compiled) and whether nullable reference types are on.</summary>
internal sealed class CSharpFile(string path, SyntaxTree tree, bool projectNullable)
{
    public string Path { get; } = path;
    public SyntaxTree Tree { get; } = tree;
    public CompilationUnitSyntax Root { get; } = (CompilationUnitSyntax)tree.GetRoot();

    /// <summary>Namespaces the file sees: its own, its <c>using</c> directives, and the global usings of its project (filled in by <see cref="CSharpSources"/>).</summary>
    public HashSet<string> VisibleNamespaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Directory of the file's .NET project ("" when none).</summary>
    public string Project { get; set; } = "";

    /// <summary>The <c>&lt;Nullable&gt;</c> of the project the file belongs to (csproj, else Directory.Build.props).</summary>
    public bool ProjectNullable { get; } = projectNullable;

    /// <summary>Nullable reference types at <paramref name="node"/>: the project setting, overridden by the last <c>#nullable</c> before it.</summary>
    public bool NullableAt(SyntaxNode node)
    {
        var enabled = ProjectNullable;
        foreach (var directive in NullableDirectives)
        {
            if (directive.SpanStart > node.SpanStart) break;
            if (directive.TargetToken.IsKind(SyntaxKind.WarningsKeyword)) continue;
            var setting = directive.SettingToken;
            if (setting.IsKind(SyntaxKind.EnableKeyword)) enabled = true;
            else if (setting.IsKind(SyntaxKind.DisableKeyword)) enabled = false;
            else if (setting.IsKind(SyntaxKind.RestoreKeyword)) enabled = ProjectNullable;
        }
        return enabled;
    }

    private List<NullableDirectiveTriviaSyntax> NullableDirectives => field ??=
        Root.DescendantTrivia().Where(t => t.IsKind(SyntaxKind.NullableDirectiveTrivia)).Select(t => (NullableDirectiveTriviaSyntax)t.GetStructure()!).ToList();

    public SourceSpan Span(SyntaxNode node) => Span(node.GetLocation().GetLineSpan());

    public SourceSpan Span(SyntaxToken token) => Span(token.GetLocation().GetLineSpan());

    private SourceSpan Span(FileLinePositionSpan span) =>
        new(Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1);
}

/// <summary>
/// A class (or record) of the audited folder, all its partial declarations merged: EF entities,
/// contexts and configuration classes are found by name across files and projects.
/// </summary>
internal sealed class ClassInfo(string name, string ns)
{
    public string Name { get; } = name;
    public string Namespace { get; } = ns;
    public List<(TypeDeclarationSyntax Syntax, CSharpFile File)> Parts { get; } = [];

    /// <summary>Base class and interfaces as written (<c>DbContext</c>, <c>IEntityTypeConfiguration&lt;Blog&gt;</c>).</summary>
    public List<(TypeSyntax Type, CSharpFile File)> BaseTypes { get; } = [];

    public IEnumerable<string> TypeParameters =>
        Parts.Select(p => p.Syntax.TypeParameterList).OfType<TypeParameterListSyntax>().Take(1).SelectMany(l => l.Parameters.Select(t => t.Identifier.Text));

    public bool IsAbstract => Parts.Any(p => p.Syntax.Modifiers.Any(SyntaxKind.AbstractKeyword));
    public bool IsStatic => Parts.Any(p => p.Syntax.Modifiers.Any(SyntaxKind.StaticKeyword));
    public bool IsStruct => Parts.Any(p => p.Syntax is StructDeclarationSyntax || p.Syntax is RecordDeclarationSyntax r && r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword));
    public bool IsInterface => Parts.Any(p => p.Syntax is InterfaceDeclarationSyntax);

    public (TypeDeclarationSyntax Syntax, CSharpFile File) First => Parts[0];

    public IEnumerable<(MemberDeclarationSyntax Member, CSharpFile File)> Members =>
        Parts.SelectMany(p => p.Syntax.Members.Select(m => (m, p.File)));

    public IEnumerable<(AttributeSyntax Attribute, CSharpFile File)> Attributes =>
        Parts.SelectMany(p => p.Syntax.AttributeLists.SelectMany(l => l.Attributes).Select(a => (a, p.File)));

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}.{Name}";
}

/// <summary>Every C# file of the audited folder parsed in parallel, with an index of classes and enums by simple name.</summary>
internal sealed class CSharpSources
{
    private readonly Dictionary<string, List<ClassInfo>> _classes = new(StringComparer.Ordinal);

    public List<CSharpFile> Files { get; } = [];
    public HashSet<string> Enums { get; } = new(StringComparer.Ordinal);
    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>Directories holding a <c>.csproj</c> (relative, "" for the root): one .NET project each.</summary>
    public List<string> ProjectDirectories { get; } = [];
    public IEnumerable<ClassInfo> Classes => _classes.Values.SelectMany(c => c);

    public static CSharpSources Parse(IReadOnlyList<SourceFile> files)
    {
        var settings = new ProjectSettings(files);
        var options = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.None);
        var csharp = files.Where(f => f.Extension == ".cs").ToList();
        var parsed = new CSharpFile[csharp.Count];
        Parallel.For(0, csharp.Count, i =>
        {
            var tree = CSharpSyntaxTree.ParseText(csharp[i].Text, options, csharp[i].RelativePath);
            parsed[i] = new CSharpFile(csharp[i].RelativePath, tree, settings.NullableFor(csharp[i].RelativePath));
        });
        var sources = new CSharpSources();
        sources.ProjectDirectories.AddRange(files.Where(f => f.Extension == ".csproj").Select(f => f.RelativePath.Contains('/') ? f.RelativePath[..f.RelativePath.LastIndexOf('/')] : ""));
        var globalUsings = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var project in files.Where(f => f.Extension == ".csproj"))
            globalUsings[DirectoryOf(project.RelativePath)] = [.. ProjectSettings.UsingItems(project.Text)];
        foreach (var file in parsed)
        {
            sources.Files.Add(file);
            // One diagnostic per file: Roslyn recovers, so the rest of the file is still read.
            var error = file.Tree.GetDiagnostics().FirstOrDefault(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            if (error is not null)
            {
                var at = error.Location.GetLineSpan().StartLinePosition;
                sources.Diagnostics.Add(new Model.Diagnostic(SourceSpan.At(file.Path, at.Line + 1, at.Character + 1),
                    $"C# syntax error ({error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}); the rest of the file is still read"));
            }
            file.Project = sources.ProjectOf(file.Path);
            foreach (var directive in file.Root.Usings.Where(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name is not null))
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                    (globalUsings.TryGetValue(file.Project, out var set) ? set : globalUsings[file.Project] = []).Add(directive.Name!.ToString());
                else file.VisibleNamespaces.Add(directive.Name!.ToString());
            }
            foreach (var ns in file.Root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<BaseNamespaceDeclarationSyntax>())
            {
                file.VisibleNamespaces.Add(ns.Name.ToString());
                foreach (var u in ns.Usings.Where(u => u.Alias is null && u.Name is not null)) file.VisibleNamespaces.Add(u.Name!.ToString());
            }
            sources.Index(file);
        }
        foreach (var file in parsed)
            if (globalUsings.TryGetValue(file.Project, out var global)) file.VisibleNamespaces.UnionWith(global);
        return sources;
    }

    private static string DirectoryOf(string path) => path.Contains('/') ? path[..path.LastIndexOf('/')] : "";

    /// <summary>The .NET project (directory of the nearest .csproj above) a path belongs to; "" when none.</summary>
    public string ProjectOf(string path) =>
        ProjectDirectories.Where(d => d.Length == 0 || path.StartsWith(d + "/", StringComparison.Ordinal)).OrderByDescending(d => d.Length).FirstOrDefault() ?? "";

    private readonly Dictionary<string, CSharpFile> _byPath = new(StringComparer.Ordinal);

    public CSharpFile? FileAt(string path) => _byPath.GetValueOrDefault(path);

    private void Index(CSharpFile file)
    {
        _byPath[file.Path] = file;
        foreach (var node in file.Root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            switch (node)
            {
                case EnumDeclarationSyntax e:
                    Enums.Add(e.Identifier.Text);
                    break;
                case TypeDeclarationSyntax type:
                    var ns = NamespaceOf(type);
                    var arity = type.TypeParameterList?.Parameters.Count ?? 0;
                    var list = _classes.TryGetValue(type.Identifier.Text, out var found) ? found : _classes[type.Identifier.Text] = [];
                    // Partial declarations of one class merge; a same-named class elsewhere stays apart.
                    var info = list.Find(c => c.Namespace == ns && c.TypeParameters.Count() == arity
                                              && c.Parts.Any(p => p.Syntax.Modifiers.Any(SyntaxKind.PartialKeyword)) && type.Modifiers.Any(SyntaxKind.PartialKeyword));
                    if (info is null) list.Add(info = new ClassInfo(type.Identifier.Text, ns));
                    info.Parts.Add((type, file));
                    if (type.BaseList is not null)
                        foreach (var b in type.BaseList.Types) info.BaseTypes.Add((b.Type, file));
                    break;
            }
        }
    }

    private static string NamespaceOf(SyntaxNode node)
    {
        var names = new List<string>();
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is BaseNamespaceDeclarationSyntax ns) names.Insert(0, ns.Name.ToString());
            else if (parent is TypeDeclarationSyntax outer) names.Insert(0, outer.Identifier.Text);
        }
        if (names.Count == 0 && node.SyntaxTree.GetRoot() is CompilationUnitSyntax unit)
            names.AddRange(unit.Members.OfType<FileScopedNamespaceDeclarationSyntax>().Select(n => n.Name.ToString()));
        return string.Join('.', names);
    }

    /// <summary>
    /// The class a type name refers to, as the compiler would pick it from <paramref name="from"/>: the only
    /// one so named, else one in a namespace the file sees (its own, enclosing ones, usings, global usings),
    /// preferring the file's project; else the first by path. Null when the folder declares none.
    /// </summary>
    public ClassInfo? Resolve(string simpleName, CSharpFile? from)
    {
        if (!_classes.TryGetValue(simpleName, out var candidates)) return null;
        var classes = candidates.Where(c => !c.IsInterface).ToList();
        if (classes.Count <= 1) return classes.FirstOrDefault();
        if (from is not null)
        {
            var visible = classes.Where(c => from.VisibleNamespaces.Contains(c.Namespace)
                                             || from.VisibleNamespaces.Any(ns => ns.StartsWith(c.Namespace + ".", StringComparison.Ordinal))).ToList();
            if (visible.Count > 0) classes = visible;
            var sameProject = classes.Where(c => c.First.File.Project == from.Project).ToList();
            if (sameProject.Count > 0) classes = sameProject;
        }
        return classes.OrderBy(c => c.First.File.Path, StringComparer.Ordinal).First();
    }

    /// <summary>Resolution from the file a span points into (where the name is written).</summary>
    public ClassInfo? Resolve(string simpleName, SourceSpan writtenAt) => Resolve(simpleName, FileAt(writtenAt.Path));

    /// <summary>Resolution from a class (the file of its first part).</summary>
    public ClassInfo? Resolve(string simpleName, ClassInfo from) => Resolve(simpleName, from.First.File);

    public ClassInfo? Resolve(string simpleName) => Resolve(simpleName, (CSharpFile?)null);

    public bool IsClassName(string simpleName) => Resolve(simpleName) is { IsStruct: false };
}
