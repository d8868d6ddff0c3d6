using SchemaAudit.Frontends.TypeScript;

namespace SchemaAudit.Frontends.Drizzle;

// What an expression in a schema file stands for once names are followed across modules.
// The resolver never evaluates code: it follows const bindings, imports, re-exports,
// object properties, spreads and helper-function returns.

internal abstract record DrizzleValue;

/// <summary>An expression in a module, with the parameter bindings in force where it stands.</summary>
internal sealed record ExpressionValue(TsExpr Expression, DrizzleModule Module, DrizzleScope? Scope) : DrizzleValue;

/// <summary>A name exported by a package (e.g. <c>pgTable</c> from <c>drizzle-orm/pg-core</c>); <see cref="Package"/> is empty for globals.</summary>
internal sealed record ExternalValue(string Package, string Name) : DrizzleValue
{
    public bool IsDrizzle => Package.StartsWith("drizzle-orm", StringComparison.Ordinal) || Package.Length == 0;
}

/// <summary><c>import * as ns from './schema'</c>.</summary>
internal sealed record NamespaceValue(DrizzleModule Module) : DrizzleValue;

/// <summary><c>import * as pg from 'drizzle-orm/pg-core'</c>.</summary>
internal sealed record ExternalNamespaceValue(string Package) : DrizzleValue;

/// <summary>A function (declaration, arrow or function expression) and the module that defines it.</summary>
internal sealed record FunctionValue(TsFunctionExpr Function, DrizzleModule Module, DrizzleScope? Scope) : DrizzleValue;

/// <summary>The columns parameter of a table's extra-config callback (<c>(t) =&gt; ...</c>).</summary>
internal sealed record TableColumnsValue(DrizzleTable Table) : DrizzleValue;

/// <summary>One column of a table (<c>users.id</c>, <c>t.email</c>).</summary>
internal sealed record ColumnRefValue(DrizzleTable Table, string Key) : DrizzleValue;

/// <summary>What could not be followed (a parameter with no argument, a cycle, ...).</summary>
internal sealed record UnknownValue(string Reason) : DrizzleValue;

/// <summary>Parameter bindings of a helper function call or a callback.</summary>
internal sealed class DrizzleScope(DrizzleScope? parent)
{
    private readonly Dictionary<string, DrizzleValue> _bindings = new(StringComparer.Ordinal);

    public void Bind(string name, DrizzleValue value) => _bindings[name] = value;

    public DrizzleValue? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
            if (scope._bindings.TryGetValue(name, out var value)) return value;
        return null;
    }

    public DrizzleScope? Parent { get; } = parent;
}
