using System.Buffers;
using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>SQLAlchemy / Flask-SQLAlchemy / SQLModel models in Python source.</summary>
public sealed class SqlAlchemyFrontend : IFrontend
{
    public string Name => "sqlalchemy";

    // Model files are found by content, not by name. Package __init__ files and enum modules are
    // read too: they carry the re-exports and enum classes that models in other files name.
    // One vectorized pass over the text for all markers (every file of the project is sniffed).
    private static readonly SearchValues<string> s_markers = SearchValues.Create(
        ["sqlalchemy", "sqlmodel", "db.Model", "db.Column", "mapped_column", "declarative_base", "DeclarativeBase", "Enum)"], StringComparison.Ordinal);

    // Alembic migrations import sqlalchemy too, but they describe the migrations view.
    public bool Accepts(SourceFile file) =>
        file.Extension == ".py"
        && (file.RelativePath.EndsWith("__init__.py", StringComparison.Ordinal)
            || file.Text.AsSpan().ContainsAny(s_markers))
        && !Migrations.AlembicFrontend.IsAlembicMigration(file.Text);

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        // Parse in parallel; everything after works on the path-ordered result, so output is deterministic.
        var ordered = files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray();
        var modules = new ModuleInfo[ordered.Length];
        var failures = new Diagnostic?[ordered.Length];
        Parallel.For(0, ordered.Length, i =>
        {
            try
            {
                modules[i] = new ModuleInfo(PyParser.Parse(ordered[i].RelativePath, ordered[i].Text));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures[i] = new Diagnostic(SourceSpan.At(ordered[i].RelativePath, 1, 1), $"internal error while parsing: {ex.GetType().Name}: {ex.Message}");
            }
        });

        var parsed = new List<ModuleInfo>(ordered.Length);
        for (var i = 0; i < ordered.Length; i++)
        {
            if (failures[i] is { } failure) schema.Diagnostics.Add(failure);
            if (modules[i] is { } m)
            {
                schema.Diagnostics.AddRange(m.Ast.Diagnostics);
                parsed.Add(m);
            }
        }

        var extractor = new ModelExtractor(parsed);
        extractor.Extract(schema);

        foreach (var file in ordered)
            schema.Files.Add(new SourceFileInfo(file.RelativePath, CountLines(file.Text), extractor.ModelPaths.Contains(file.RelativePath)));
    }

    private static int CountLines(string text)
    {
        if (text.Length == 0) return 0;
        var lines = 1;
        foreach (var ch in text.AsSpan())
        {
            if (ch == '\n') lines++;
        }
        return text[^1] == '\n' ? lines - 1 : lines;
    }
}
