using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends;

/// <summary>
/// Turns one kind of input into (part of) the unified model. A front-end never throws on
/// user input: whatever it cannot read becomes a diagnostic in the schema.
/// </summary>
public interface IFrontend
{
    string Name { get; }

    /// <summary>
    /// The view of the schema this front-end feeds: ORM models, migrations/DDL, or a live
    /// database. Each view becomes its own <see cref="Schema"/>; comparing views is drift.
    /// </summary>
    SchemaSourceKind View => SchemaSourceKind.OrmModels;

    /// <summary>Cheap test on path and content: does this file feed this front-end?</summary>
    bool Accepts(SourceFile file);

    /// <summary>Adds what the accepted files declare to <paramref name="schema"/>.</summary>
    void Extract(IReadOnlyList<SourceFile> files, Schema schema);
}
