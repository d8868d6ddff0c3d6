using SchemaAudit.Frontends.TypeScript;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>
/// A builder chain such as <c>varchar('email', { length: 255 }).notNull().unique()</c> read
/// as its base (the call <c>varchar(...)</c>, or a column reference like <c>t.path</c>) and its
/// modifiers in source order. Helpers are expanded: <c>id: idColumn().notNull()</c> where
/// <c>idColumn = () =&gt; uuid('id').primaryKey()</c> reads as <c>uuid('id').primaryKey().notNull()</c>.
/// </summary>
internal sealed record DrizzleChain(
    DrizzleValue Base, TsCall? BaseCall, DrizzleModule BaseModule, DrizzleScope? BaseScope, IReadOnlyList<ModifierCall> Modifiers)
{
    private const int MaxExpansions = 16;

    /// <summary>The builder's name when the base is a Drizzle function (<c>text</c>, <c>index</c>, <c>pgTable</c>).</summary>
    public string? DrizzleName => Base is ExternalValue { IsDrizzle: true } e ? e.Name : null;

    public static DrizzleChain Read(DrizzleProject project, TsExpr expression, DrizzleModule module, DrizzleScope? scope, int depth = 0)
    {
        var modifiers = new List<ModifierCall>();
        var current = TsSyntax.Unwrap(expression);
        while (current is TsCall { Callee: var callee } call && TsSyntax.Unwrap(callee) is TsMember member)
        {
            var target = TsSyntax.Unwrap(member.Object);
            if (target is not TsCall)
            {
                var resolved = project.Resolve(member, module, scope);
                if (resolved is ExternalValue or FunctionValue or ExpressionValue) break; // pg.text(...), schema.table(...)
            }
            modifiers.Add(new ModifierCall(member.Name, call, module, scope, member.NameStart));
            current = target;
        }
        modifiers.Reverse();

        if (current is TsCall baseCall)
        {
            var calleeValue = project.Resolve(baseCall.Callee, module, scope);
            if (calleeValue is FunctionValue && depth < MaxExpansions && project.Invoke(baseCall, module, scope) is { } returned)
                return Read(project, returned.Expression, returned.Module, returned.Scope, depth + 1).Append(modifiers);
            return new DrizzleChain(calleeValue, baseCall, module, scope, modifiers);
        }

        var value = project.Resolve(current, module, scope);
        if (value is ExpressionValue inner && depth < MaxExpansions && !ReferenceEquals(inner.Expression, current))
            return Read(project, inner.Expression, inner.Module, inner.Scope, depth + 1).Append(modifiers);
        return new DrizzleChain(value, null, module, scope, modifiers);
    }

    private DrizzleChain Append(List<ModifierCall> outer) =>
        outer.Count == 0 ? this : this with { Modifiers = [.. Modifiers, .. outer] };

    /// <summary>The value of the last modifier called <paramref name="name"/>, or null.</summary>
    public ModifierCall? Last(string name)
    {
        for (var i = Modifiers.Count - 1; i >= 0; i--)
            if (Modifiers[i].Name == name) return Modifiers[i];
        return null;
    }
}
