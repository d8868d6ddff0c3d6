using SchemaAudit.Model;

namespace SchemaAudit.Frontends.TypeScript;

// The syntax tree of the TypeScript subset we parse. It is always complete: where the
// source is broken the parser inserts a TsErrorExpr or skips to a terminator and records a
// diagnostic. Positions: Start/End are character offsets into TsModule.Source; Line and
// Column (1-based) are those of Start.

public abstract class TsNode
{
    public int Start { get; internal set; }
    public int End { get; internal set; }
    public int Line { get; internal set; }
    public int Column { get; internal set; }
}

// ----- expressions -----

public abstract class TsExpr : TsNode;

public sealed class TsIdentifier : TsExpr { public required string Name { get; init; } }

public sealed class TsStringLiteral : TsExpr { public required string Value { get; init; } }

public sealed class TsNumberLiteral : TsExpr { public required string Text { get; init; } }

public sealed class TsRegexLiteral : TsExpr { public required string Text { get; init; } }

/// <summary><c>true</c>, <c>false</c>, <c>null</c>, <c>undefined</c>, <c>this</c>, <c>super</c>.</summary>
public sealed class TsKeywordLiteral : TsExpr { public required string Keyword { get; init; } }

/// <summary>A template literal; <see cref="Quasis"/> has one more element than <see cref="Expressions"/>.</summary>
public sealed class TsTemplate : TsExpr
{
    public required IReadOnlyList<string> Quasis { get; init; }
    public required IReadOnlyList<TsExpr> Expressions { get; init; }
}

/// <summary><c>tag`...`</c>, e.g. Drizzle's <c>sql`now()`</c>.</summary>
public sealed class TsTaggedTemplate : TsExpr
{
    public required TsExpr Tag { get; init; }
    public required TsTemplate Template { get; init; }
    public IReadOnlyList<TsType> TypeArguments { get; init; } = [];
}

public sealed class TsArrayLiteral : TsExpr { public required IReadOnlyList<TsExpr> Elements { get; init; } }

public enum TsPropertyKind { Init, Shorthand, Spread, Method, Getter, Setter }

/// <summary>An object literal member. <see cref="Key"/> is null for spreads and computed keys.</summary>
public sealed class TsProperty : TsNode
{
    public required TsPropertyKind Kind { get; init; }
    public string? Key { get; init; }
    public TsExpr? ComputedKey { get; init; }
    /// <summary>The value: the initializer, the shorthand identifier, the spread argument or the method as a function.</summary>
    public required TsExpr Value { get; init; }
}

public sealed class TsObjectLiteral : TsExpr { public required IReadOnlyList<TsProperty> Properties { get; init; } }

/// <summary><c>a.b</c> or <c>a?.b</c>; <see cref="NameStart"/> is the offset of <c>b</c>.</summary>
public sealed class TsMember : TsExpr
{
    public required TsExpr Object { get; init; }
    public required string Name { get; init; }
    public bool Optional { get; init; }
    public int NameStart { get; init; }
}

/// <summary><c>a[b]</c> or <c>a?.[b]</c>.</summary>
public sealed class TsIndexAccess : TsExpr
{
    public required TsExpr Object { get; init; }
    public required TsExpr Index { get; init; }
    public bool Optional { get; init; }
}

public sealed class TsCall : TsExpr
{
    public required TsExpr Callee { get; init; }
    public required IReadOnlyList<TsExpr> Arguments { get; init; }
    /// <summary>Explicit type arguments, e.g. the <c>T | null</c> of <c>$type&lt;T | null&gt;()</c>.</summary>
    public IReadOnlyList<TsType> TypeArguments { get; init; } = [];
    public bool Optional { get; init; }
}

public sealed class TsNew : TsExpr
{
    public required TsExpr Callee { get; init; }
    public required IReadOnlyList<TsExpr> Arguments { get; init; }
}

/// <summary><c>x!</c>.</summary>
public sealed class TsNonNull : TsExpr { public required TsExpr Expression { get; init; } }

/// <summary><c>...x</c> in an array or argument list.</summary>
public sealed class TsSpread : TsExpr { public required TsExpr Argument { get; init; } }

public sealed class TsParenthesized : TsExpr { public required TsExpr Expression { get; init; } }

public sealed class TsSequence : TsExpr { public required IReadOnlyList<TsExpr> Expressions { get; init; } }

/// <summary>An arrow function or function expression; exactly one of <see cref="ExpressionBody"/> and <see cref="BlockBody"/> is set.</summary>
public sealed class TsFunctionExpr : TsExpr
{
    public string? Name { get; init; }
    public required IReadOnlyList<TsParameter> Parameters { get; init; }
    public TsExpr? ExpressionBody { get; init; }
    public IReadOnlyList<TsStmt>? BlockBody { get; init; }
    public bool IsArrow { get; init; }
    public bool IsAsync { get; init; }
    public TsType? ReturnType { get; init; }
}

/// <summary>A class expression; its body is skipped.</summary>
public sealed class TsClassExpr : TsExpr { public string? Name { get; init; } }

public sealed class TsUnary : TsExpr
{
    /// <summary><c>!</c>, <c>-</c>, <c>typeof</c>, <c>await</c>, <c>++</c> (prefix or postfix), ...</summary>
    public required string Operator { get; init; }
    public required TsExpr Operand { get; init; }
    public bool IsPostfix { get; init; }
}

public sealed class TsBinary : TsExpr
{
    public required TsExpr Left { get; init; }
    public required string Operator { get; init; }
    public required TsExpr Right { get; init; }
}

public sealed class TsAssignment : TsExpr
{
    public required TsExpr Target { get; init; }
    public required string Operator { get; init; }
    public required TsExpr Value { get; init; }
}

public sealed class TsConditional : TsExpr
{
    public required TsExpr Test { get; init; }
    public required TsExpr WhenTrue { get; init; }
    public required TsExpr WhenFalse { get; init; }
}

/// <summary><c>x as T</c>, <c>x satisfies T</c>, <c>&lt;T&gt;x</c>.</summary>
public sealed class TsTypeAssertion : TsExpr
{
    public required TsExpr Expression { get; init; }
    public required TsType Type { get; init; }
    public bool IsSatisfies { get; init; }
}

/// <summary>Stands where an expression was expected but the source had none or junk.</summary>
public sealed class TsErrorExpr : TsExpr;

// ----- types -----

/// <summary>
/// A type, kept as text: its top-level union members and whether one of them is
/// <c>null</c> or <c>undefined</c> (what a nullability check needs).
/// </summary>
public sealed class TsType : TsNode
{
    public required string Text { get; init; }
    public required IReadOnlyList<string> UnionMembers { get; init; }
    public bool IsNullable => UnionMembers.Any(m => m is "null" or "undefined");
}

// ----- binding patterns -----

public abstract class TsPattern : TsNode;

public sealed class TsBindingName : TsPattern { public required string Name { get; init; } }

/// <summary><c>{ a, b: c, ...rest }</c>: for each element, the property key and the pattern it binds.</summary>
public sealed class TsObjectPattern : TsPattern { public required IReadOnlyList<TsPatternElement> Elements { get; init; } }

public sealed class TsArrayPattern : TsPattern { public required IReadOnlyList<TsPatternElement?> Elements { get; init; } }

/// <summary>One element of a destructuring pattern; <see cref="Key"/> is null in arrays and for computed keys.</summary>
public sealed class TsPatternElement : TsNode
{
    public string? Key { get; init; }
    public required TsPattern Target { get; init; }
    public TsExpr? Default { get; init; }
    public bool IsRest { get; init; }
}

public sealed class TsParameter : TsNode
{
    public required TsPattern Pattern { get; init; }
    public TsType? Type { get; init; }
    public TsExpr? Default { get; init; }
    public bool IsRest { get; init; }
    public bool IsOptional { get; init; }
}

// ----- statements -----

public abstract class TsStmt : TsNode;

/// <summary>A declaration that can be exported (<c>export const</c>, <c>export default function</c>, ...).</summary>
public abstract class TsDeclaration : TsStmt
{
    public bool IsExported { get; internal set; }
    public bool IsDefaultExport { get; internal set; }
    public bool IsDeclare { get; internal set; }

    /// <summary>The <c>/** ... */</c> comment right before the declaration, without delimiters.</summary>
    public string? DocComment { get; internal set; }
}

public sealed record TsImportSpecifier(string Imported, string Local, bool IsTypeOnly);

/// <summary><c>import d, * as ns, { a as b } from 'm'</c>; also <c>import x = require('m')</c>.</summary>
public sealed class TsImportDecl : TsStmt
{
    public required string ModuleSpecifier { get; init; }
    public string? DefaultBinding { get; init; }
    public string? NamespaceBinding { get; init; }
    public required IReadOnlyList<TsImportSpecifier> Named { get; init; }
    public bool IsTypeOnly { get; init; }
}

public sealed record TsExportSpecifier(string Local, string Exported, bool IsTypeOnly);

/// <summary><c>export { a, b as c }</c> with an optional <c>from 'm'</c>.</summary>
public sealed class TsExportNamed : TsStmt
{
    public required IReadOnlyList<TsExportSpecifier> Specifiers { get; init; }
    public string? FromModule { get; init; }
    public bool IsTypeOnly { get; init; }
}

/// <summary><c>export * from 'm'</c> or <c>export * as ns from 'm'</c>.</summary>
public sealed class TsExportAll : TsStmt
{
    public required string FromModule { get; init; }
    public string? As { get; init; }
}

/// <summary><c>export default expression</c> or <c>export = expression</c>.</summary>
public sealed class TsExportDefault : TsStmt { public required TsExpr Expression { get; init; } }

public sealed class TsVariableDeclarator : TsNode
{
    public required TsPattern Target { get; init; }
    public TsType? Type { get; init; }
    public TsExpr? Initializer { get; init; }
}

public sealed class TsVariableDecl : TsDeclaration
{
    /// <summary><c>const</c>, <c>let</c>, <c>var</c>, <c>using</c>.</summary>
    public required string Kind { get; init; }
    public required IReadOnlyList<TsVariableDeclarator> Declarators { get; init; }
}

public sealed class TsFunctionDecl : TsDeclaration
{
    public string? Name { get; init; }
    public required TsFunctionExpr Function { get; init; }
}

/// <summary>A class declaration; its body is skipped (Drizzle schemas are not classes).</summary>
public sealed class TsClassDecl : TsDeclaration { public string? Name { get; init; } }

/// <summary><c>interface</c> and <c>type</c> declarations, skipped but named.</summary>
public sealed class TsTypeDecl : TsDeclaration
{
    public required string Keyword { get; init; }
    public required string Name { get; init; }
}

public sealed record TsEnumMember(string Name, TsExpr? Initializer);

public sealed class TsEnumDecl : TsDeclaration
{
    public required string Name { get; init; }
    public required IReadOnlyList<TsEnumMember> Members { get; init; }
    public bool IsConst { get; init; }
}

public sealed class TsExpressionStmt : TsStmt { public required TsExpr Expression { get; init; } }

public sealed class TsReturn : TsStmt { public TsExpr? Value { get; init; } }

public sealed class TsBlock : TsStmt { public required IReadOnlyList<TsStmt> Body { get; init; } }

public sealed class TsIf : TsStmt
{
    public required TsExpr Test { get; init; }
    public required TsStmt Then { get; init; }
    public TsStmt? Else { get; init; }
}

/// <summary>Loops, <c>try</c>, <c>switch</c>, <c>throw</c>, namespaces, labels ...: the keyword and the statements it holds.</summary>
public sealed class TsOtherStmt : TsStmt
{
    public required string Keyword { get; init; }
    public IReadOnlyList<TsStmt> Body { get; init; } = [];
    public IReadOnlyList<TsExpr> Expressions { get; init; } = [];
}

public sealed class TsEmptyStmt : TsStmt;

/// <summary>A parsed file. Never null, even for garbage input.</summary>
public sealed class TsModule
{
    /// <summary>Path relative to the audited root, forward slashes.</summary>
    public required string Path { get; init; }
    public required string Source { get; init; }
    public required IReadOnlyList<TsStmt> Body { get; init; }
    public required IReadOnlyList<TsComment> Comments { get; init; }
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
    public required TsLineMap Lines { get; init; }

    /// <summary>The source text of a node, exactly as written.</summary>
    public string TextOf(TsNode node) =>
        node.Start >= 0 && node.End <= Source.Length && node.End >= node.Start ? Source[node.Start..node.End] : "";

    public SourceSpan SpanOf(TsNode node) => SpanOf(node.Start, node.End);

    public SourceSpan SpanOf(int start, int end)
    {
        var (line, column) = Lines.Locate(start);
        var (endLine, endColumn) = Lines.Locate(Math.Max(start, end));
        return new SourceSpan(Path, line, column, endLine, endColumn);
    }
}
