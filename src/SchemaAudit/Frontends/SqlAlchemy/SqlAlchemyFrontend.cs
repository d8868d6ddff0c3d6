using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>SQLAlchemy / Flask-SQLAlchemy / SQLModel models in Python source.</summary>
public sealed class SqlAlchemyFrontend : IFrontend
{
    public string Name => "sqlalchemy";

    // Model files are found by content, not by name.
    private static readonly string[] s_markers =
        ["sqlalchemy", "sqlmodel", "db.Model", "db.Column", "mapped_column", "declarative_base", "DeclarativeBase"];

    public bool Accepts(SourceFile file) =>
        file.Extension == ".py" && Array.Exists(s_markers, m => file.Text.Contains(m, StringComparison.Ordinal));

    public void Extract(IReadOnlyList<SourceFile> files, Schema schema)
    {
        // Implemented by the extractor (parse every file, link names across files).
    }
}
