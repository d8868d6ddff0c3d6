using System.Text.RegularExpressions;
using SchemaAudit.Discovery;
using SchemaAudit.Frontends.Python;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Migrations;

/// <summary>
/// Alembic migrations: every <c>upgrade()</c>, replayed in <c>down_revision</c> order into the
/// "migrations" view. The Python is parsed, never run.
/// </summary>
public sealed partial class AlembicFrontend : IFrontend
{
    public string Name => "alembic";

    public SchemaSourceKind View => SchemaSourceKind.Migrations;

    public bool Accepts(SourceFile file) => file.Extension == ".py" && IsAlembicMigration(file.Text);

    /// <summary>Content sniff shared with other front-ends that must not read these files as models.</summary>
    /// Statements are matched at the start of a line, so a docstring that shows a migration is not one.
    public static bool IsAlembicMigration(string text) =>
        AlembicImport().IsMatch(text)
        || (text.Contains("alembic", StringComparison.Ordinal) && text.Contains("op.create_table(", StringComparison.Ordinal) && !AnyIndentedAlembicImport().IsMatch(text))
        // The revision template itself: an empty first revision has no import at all, and plugin
        // histories run by the application receive `op` as a parameter (`def upgrade(op=None)`).
        || (DownRevision().IsMatch(text) && UpgradeFunction().IsMatch(text));

    [GeneratedRegex(@"^from alembic import (?:[\w, ]*\b)?op\b", RegexOptions.Multiline)]
    private static partial Regex AlembicImport();

    [GeneratedRegex(@"^[ \t]+from alembic import", RegexOptions.Multiline)]
    private static partial Regex AnyIndentedAlembicImport();

    [GeneratedRegex(@"^down_revision\s*(?::[^=\n]*)?=", RegexOptions.Multiline)]
    private static partial Regex DownRevision();

    [GeneratedRegex(@"^def upgrade\(", RegexOptions.Multiline)]
    private static partial Regex UpgradeFunction();

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
