using SchemaAudit.Frontends.Python;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>What a Python name or dotted expression refers to, as far as static reading can tell.</summary>
internal abstract record Symbol;

/// <summary>A class defined in the audited project.</summary>
internal sealed record ClassSymbol(ClassInfo Class) : Symbol;

/// <summary>A module of the audited project.</summary>
internal sealed record ModuleSymbol(ModuleInfo Module) : Symbol;

/// <summary>A module-level assignment in the project (<c>Base = declarative_base()</c>, <c>tags = Table(...)</c>).</summary>
internal sealed record VariableSymbol(ModuleInfo Module, string Name, PyExpr Value, PyNode Target) : Symbol;

/// <summary>A module-level function of the project.</summary>
internal sealed record FunctionSymbol(ModuleInfo Module, PyFunctionDef Function) : Symbol;

/// <summary>
/// Something outside the project (<c>sqlalchemy.orm.Mapped</c>) or a name that could not be
/// resolved (<see cref="Resolved"/> false: a builtin, a failed import).
/// </summary>
internal sealed record ExternalSymbol(string QualifiedName, bool Resolved) : Symbol
{
    public string LastName => QualifiedName[(QualifiedName.LastIndexOf('.') + 1)..];
}

/// <summary>An attribute of a project object (<c>db.Column</c>, <c>User.id</c>, <c>Base.metadata</c>).</summary>
internal sealed record MemberSymbol(Symbol Owner, string Name) : Symbol;
