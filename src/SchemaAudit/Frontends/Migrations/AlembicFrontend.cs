using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Python;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Migrations;

/// <summary>
/// Alembic migrations: every <c>upgrade()</c>, replayed in <c>down_revision</c> order into the
/// "migrations" view. The Python is parsed, never run.
/// </summary>
public sealed class AlembicFrontend : IFrontend
{
    public string Name => "alembic";

    public SchemaSourceKind View => SchemaSourceKind.Migrations;

    public bool Accepts(SourceFile file) => file.Extension == ".py" && IsAlembicMigration(file.Text);

    /// <summary>Content sniff shared with other front-ends that must not read these files as models.</summary>
    public static bool IsAlembicMigration(string text) =>
        text.Contains("from alembic import op", StringComparison.Ordinal)
        || (text.Contains("alembic", StringComparison.Ordinal) && text.Contains("op.create_table(", StringComparison.Ordinal))
        // Plugin histories run by the application hand `op` in: `def upgrade(op=None)`, no alembic import.
        || (text.Contains("def upgrade(op", StringComparison.Ordinal) && text.Contains("down_revision", StringComparison.Ordinal));

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        var modules = new Dictionary<string, PyModule>(StringComparer.Ordinal);
        var revisions = new List<AlembicRevision>();
        foreach (var file in files)
        {
            var module = PyParser.Parse(file.RelativePath, file.Text);
            schema.Diagnostics.AddRange(module.Diagnostics);
            schema.Files.Add(new SourceFileInfo(file.RelativePath, file.Text.Count(c => c == '\n') + 1, HasModels: true));
            modules[file.RelativePath] = module;
            revisions.Add(ReadRevision(module));
        }
        // Alembic histories often start after `metadata.create_all()` made the first tables.
        var builder = new SqlSchemaBuilder(schema) { AllowUnseenBaseline = true };
        foreach (var revision in AlembicHistories.Split(revisions).SelectMany(history => AlembicRevisionGraph.Order(history, schema.Diagnostics)))
        {
            var module = modules[revision.Path];
            if (module.Source.Contains("postgresql", StringComparison.Ordinal)) builder.Vote("postgresql");
            new AlembicOpTranslator(module, builder, schema.Diagnostics).ReplayUpgrade();
        }
        builder.Finish();
    }

    /// <summary>Module-level <c>revision = "..."</c> and <c>down_revision = "..." | None | ("a", "b")</c>.</summary>
    private static AlembicRevision ReadRevision(PyModule module)
    {
        string? revision = null;
        var down = new List<string>();
        var span = SourceSpan.At(module.Path, 1, 1);
        foreach (var statement in module.Body)
        {
            var (target, value) = statement switch
            {
                PyAssign { Targets: [PyName name], Value: var v } => (name.Id, v),
                PyAnnAssign { Target: PyName name, Value: { } v } => (name.Id, v),
                _ => (null, null),
            };
            if (target == "revision" && value is PyString s)
            {
                revision = s.Value;
                span = module.SpanOf(statement);
            }
            else if (target == "down_revision" && value is not null)
            {
                down.AddRange(PyArgs.Strings(value));
            }
        }
        return new AlembicRevision(module.Path, revision, down, span);
    }
}
