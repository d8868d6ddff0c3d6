using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Python;

// The syntax tree of the Python subset we parse. It is always complete: where the source
// is broken the parser inserts a PyErrorExpr / skips the statement and records a
// diagnostic, so consumers never see null where a node is required.
// Positions: Line/Column are 1-based; Start/End are character offsets into PyModule.Source.

public abstract class PyNode
{
    public int Line { get; init; }
    public int Column { get; init; }
    public int EndLine { get; init; }
    public int EndColumn { get; init; }
    public int Start { get; init; }
    public int End { get; init; }
}

// ----- expressions -----

public abstract class PyExpr : PyNode;

public sealed class PyName : PyExpr { public required string Id { get; init; } }

public sealed class PyAttribute : PyExpr
{
    public required PyExpr Value { get; init; }
    public required string Attr { get; init; }
}

/// <summary>A call argument: positional, keyword (<see cref="Name"/> set), <c>*args</c> (Star=1) or <c>**kwargs</c> (Star=2).</summary>
public sealed class PyArg : PyNode
{
    public string? Name { get; init; }
    public required PyExpr Value { get; init; }
    public int Star { get; init; }
}

public sealed class PyCall : PyExpr
{
    public required PyExpr Func { get; init; }
    public required IReadOnlyList<PyArg> Args { get; init; }
}

public sealed class PySubscript : PyExpr
{
    public required PyExpr Value { get; init; }
    /// <summary>The index; a <see cref="PyTuple"/> for <c>x[a, b]</c>.</summary>
    public required PyExpr Index { get; init; }
}

/// <summary>A string literal; adjacent literals are concatenated. For f-strings, <see cref="Value"/> is the raw text between the quotes.</summary>
public sealed class PyString : PyExpr
{
    public required string Value { get; init; }
    /// <summary>Lower-cased prefix letters (<c>r</c>, <c>b</c>, <c>f</c>, <c>rb</c>, ...); empty when none.</summary>
    public string Prefix { get; init; } = "";
    public bool IsFString => Prefix.Contains('f');
    public bool IsBytes => Prefix.Contains('b');
}

public sealed class PyNumber : PyExpr { public required string Text { get; init; } }

public enum PyConstantKind { True, False, None, Ellipsis }

public sealed class PyConstant : PyExpr { public required PyConstantKind Kind { get; init; } }

public sealed class PyTuple : PyExpr { public required IReadOnlyList<PyExpr> Elements { get; init; } }
public sealed class PyList : PyExpr { public required IReadOnlyList<PyExpr> Elements { get; init; } }
public sealed class PySet : PyExpr { public required IReadOnlyList<PyExpr> Elements { get; init; } }

public sealed class PyDict : PyExpr
{
    /// <summary>Keys; null at the position of a <c>**mapping</c> entry.</summary>
    public required IReadOnlyList<PyExpr?> Keys { get; init; }
    public required IReadOnlyList<PyExpr> Values { get; init; }
}

/// <summary>Binary, boolean and comparison operators (<c>+</c>, <c>|</c>, <c>and</c>, <c>==</c>, <c>not in</c>, ...).</summary>
public sealed class PyBinary : PyExpr
{
    public required PyExpr Left { get; init; }
    public required string Op { get; init; }
    public required PyExpr Right { get; init; }
}

public sealed class PyUnary : PyExpr
{
    /// <summary><c>-</c>, <c>+</c>, <c>~</c>, <c>not</c>, <c>await</c>.</summary>
    public required string Op { get; init; }
    public required PyExpr Operand { get; init; }
}

public sealed class PyConditional : PyExpr
{
    public required PyExpr Body { get; init; }
    public required PyExpr Test { get; init; }
    public required PyExpr OrElse { get; init; }
}

public sealed class PyLambda : PyExpr
{
    public required IReadOnlyList<PyParameter> Parameters { get; init; }
    public required PyExpr Body { get; init; }
}

/// <summary><c>*x</c> or <c>**x</c> inside a list, tuple, set, or an assignment target.</summary>
public sealed class PyStarred : PyExpr
{
    public required PyExpr Value { get; init; }
    public int Stars { get; init; } = 1;
}

/// <summary>A list/set/dict comprehension or generator expression; the clauses are kept as parsed expressions.</summary>
public sealed class PyComprehension : PyExpr
{
    /// <summary><c>list</c>, <c>set</c>, <c>dict</c> or <c>generator</c>.</summary>
    public required string Kind { get; init; }
    public required PyExpr Element { get; init; }
    public required IReadOnlyList<PyExpr> Clauses { get; init; }
}

/// <summary>Any other expression form (slices, walrus, yield): kept so the tree stays complete.</summary>
public sealed class PyOtherExpr : PyExpr
{
    public required string Kind { get; init; }
    public IReadOnlyList<PyExpr> Children { get; init; } = [];
}

/// <summary>Stands where an expression was expected but the source had none or junk.</summary>
public sealed class PyErrorExpr : PyExpr;

// ----- statements -----

public abstract class PyStmt : PyNode;

public sealed class PyImport : PyStmt
{
    public required IReadOnlyList<PyImportName> Names { get; init; }
}

public sealed class PyImportFrom : PyStmt
{
    /// <summary>Module path after the dots (<c>base</c> in <c>from ..base import X</c>); empty for <c>from . import X</c>.</summary>
    public required string Module { get; init; }
    /// <summary>Number of leading dots (relative import level).</summary>
    public int Level { get; init; }
    /// <summary>Names imported; a single <c>*</c> for star imports.</summary>
    public required IReadOnlyList<PyImportName> Names { get; init; }
}

public sealed record PyImportName(string Name, string? AsName, int Line, int Column)
{
    public string BoundName => AsName ?? Name.Split('.')[0];
}

public sealed class PyParameter : PyNode
{
    public required string Name { get; init; }
    public PyExpr? Annotation { get; init; }
    public PyExpr? Default { get; init; }
    /// <summary>0 normal, 1 for <c>*args</c>, 2 for <c>**kwargs</c>.</summary>
    public int Star { get; init; }
    /// <summary>Declared after <c>*</c> or <c>*args</c>.</summary>
    public bool IsKeywordOnly { get; init; }
    /// <summary>Declared before <c>/</c>.</summary>
    public bool IsPositionalOnly { get; init; }
}

public sealed class PyClassDef : PyStmt
{
    public required string Name { get; init; }
    /// <summary>Bases and class keywords (<c>metaclass=</c>, <c>table=True</c>) as call arguments.</summary>
    public required IReadOnlyList<PyArg> Bases { get; init; }
    public required IReadOnlyList<PyExpr> Decorators { get; init; }
    public required IReadOnlyList<PyStmt> Body { get; init; }
    /// <summary>The docstring, when the body starts with a string literal.</summary>
    public string? Docstring { get; init; }
}

public sealed class PyFunctionDef : PyStmt
{
    public required string Name { get; init; }
    public required IReadOnlyList<PyParameter> Parameters { get; init; }
    public required IReadOnlyList<PyExpr> Decorators { get; init; }
    public required IReadOnlyList<PyStmt> Body { get; init; }
    public PyExpr? Returns { get; init; }
    public bool IsAsync { get; init; }
    public string? Docstring { get; init; }
}

public sealed class PyAssign : PyStmt
{
    /// <summary>Targets; several for <c>a = b = value</c>.</summary>
    public required IReadOnlyList<PyExpr> Targets { get; init; }
    public required PyExpr Value { get; init; }
}

public sealed class PyAnnAssign : PyStmt
{
    public required PyExpr Target { get; init; }
    public required PyExpr Annotation { get; init; }
    public PyExpr? Value { get; init; }
}

public sealed class PyAugAssign : PyStmt
{
    public required PyExpr Target { get; init; }
    public required string Op { get; init; }
    public required PyExpr Value { get; init; }
}

public sealed class PyExprStmt : PyStmt { public required PyExpr Value { get; init; } }

public sealed class PyReturn : PyStmt { public PyExpr? Value { get; init; } }

/// <summary>if / elif / else: <see cref="OrElse"/> holds an elif as a nested PyIf.</summary>
public sealed class PyIf : PyStmt
{
    public required PyExpr Test { get; init; }
    public required IReadOnlyList<PyStmt> Body { get; init; }
    public required IReadOnlyList<PyStmt> OrElse { get; init; }
}

/// <summary>for, while, with, try, match and other compound statements: header expressions and all their blocks in order.</summary>
public sealed class PyCompound : PyStmt
{
    /// <summary><c>for</c>, <c>while</c>, <c>with</c>, <c>try</c>, <c>match</c>, <c>async for</c>, ...</summary>
    public required string Keyword { get; init; }
    public required IReadOnlyList<PyExpr> Headers { get; init; }
    public required IReadOnlyList<IReadOnlyList<PyStmt>> Blocks { get; init; }
    /// <summary>What each block is, parallel to <see cref="Blocks"/>: <c>body</c>, <c>else</c>, <c>except</c>, <c>finally</c>, <c>case</c>.</summary>
    public IReadOnlyList<string> BlockKinds { get; init; } = [];
}

/// <summary>pass, break, continue, del, global, nonlocal, raise, assert, type aliases ...: kept with their expressions.</summary>
public sealed class PySimpleStmt : PyStmt
{
    public required string Keyword { get; init; }
    public IReadOnlyList<PyExpr> Expressions { get; init; } = [];
}

/// <summary>A comment (<c># ...</c>, text without the <c>#</c>) and where it stands.</summary>
public sealed record PyComment(string Text, int Line, int Column);

/// <summary>A parsed file. Never null, even for garbage input.</summary>
public sealed class PyModule
{
    /// <summary>Path relative to the audited root, forward slashes.</summary>
    public required string Path { get; init; }
    public required string Source { get; init; }
    public required IReadOnlyList<PyStmt> Body { get; init; }
    public required IReadOnlyList<PyComment> Comments { get; init; }
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
    public string? Docstring { get; init; }

    /// <summary>The source text of a node, exactly as written.</summary>
    public string TextOf(PyNode node) =>
        node.Start >= 0 && node.End <= Source.Length && node.End >= node.Start ? Source[node.Start..node.End] : "";

    public SourceSpan SpanOf(PyNode node) => new(Path, node.Line, node.Column, node.EndLine, node.EndColumn);
}
