using SchemaAudit.Frontends.TypeScript;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>
/// <c>relations(users, ({ one, many }) =&gt; ({ posts: many(posts), author: one(users, { fields, references }) }))</c>
/// as ORM-level relationships. Drizzle loads relations only when a query asks for them
/// (<c>with: { posts: true }</c>): there is no implicit lazy loading, so
/// <see cref="Relationship.Lazy"/> is <c>explicit</c> and loading-strategy rules stay silent.
/// </summary>
internal sealed class DrizzleRelationsExtractor(DrizzleProject project, DrizzleExpressions expressions, DrizzleContext context)
{
    public const string ExplicitLoading = "explicit";

    private readonly List<(Relationship Relationship, string? RelationName)> _found = [];

    public void Extract()
    {
        foreach (var module in project.Modules)
        {
            foreach (var (_, declarator, _) in module.TopLevelConstants) TryRelations(declarator.Initializer!, module);
            foreach (var expression in module.TopLevelExpressions) TryRelations(expression, module);
        }
        PairInverses();
    }

    private void TryRelations(TsExpr expression, DrizzleModule module)
    {
        if (TsSyntax.Unwrap(expression) is not TsCall call) return;
        if (project.Resolve(call.Callee, module, null) is not ExternalValue { IsDrizzle: true, Name: "relations" }) return;
        var span = module.Ast.SpanOf(call);
        if (call.Arguments.Count < 2 || TableOf(call.Arguments[0], module, null) is not { } owner)
        {
            context.Warn(span, "relations(): the first argument does not resolve to a table: skipped");
            return;
        }
        if (project.Resolve(call.Arguments[1], module, null) is not FunctionValue callback
            || TsSyntax.ReturnedExpression(callback.Function) is not { } returned)
        {
            context.Warn(span, $"relations({owner.Entity.Name}): the second argument is not a callback: skipped");
            return;
        }

        // ({ one, many }) => ... or (helpers) => ... helpers.one(...)
        var helperNames = new Dictionary<string, string>(StringComparer.Ordinal);
        string? helpersObject = null;
        if (callback.Function.Parameters is [{ Pattern: var pattern }, ..])
        {
            if (pattern is TsBindingName whole) helpersObject = whole.Name;
            else foreach (var (key, local) in TsSyntax.BoundNames(pattern)) if (key is "one" or "many") helperNames[local] = key;
        }

        if (project.Resolve(returned, callback.Module, callback.Scope) is not ExpressionValue { Expression: TsObjectLiteral obj } value)
        {
            context.Warn(span, $"relations({owner.Entity.Name}): the callback does not return an object literal: skipped");
            return;
        }
        foreach (var property in obj.Properties)
        {
            if (property.Key is not { Length: > 0 } attribute || TsSyntax.Unwrap(property.Value) is not TsCall relationCall) continue;
            var kind = TsSyntax.Unwrap(relationCall.Callee) switch
            {
                TsIdentifier id when helperNames.TryGetValue(id.Name, out var k) => k,
                TsIdentifier { Name: "one" or "many" } id => id.Name,
                TsMember { Object: TsIdentifier o, Name: "one" or "many" } m when o.Name == helpersObject => m.Name,
                _ => null,
            };
            if (kind is null) continue;
            ReadRelation(owner, attribute, kind, relationCall, property, value.Module, value.Scope);
        }
    }

    private void ReadRelation(DrizzleTable owner, string attribute, string kind, TsCall call, TsProperty property, DrizzleModule module, DrizzleScope? scope)
    {
        var span = module.Ast.SpanOf(property);
        if (call.Arguments.Count == 0 || TableOf(call.Arguments[0], module, scope) is not { } target)
        {
            context.Warn(span, $"relation `{owner.Entity.Name}.{attribute}`: the target does not resolve to a table: skipped");
            return;
        }
        var options = expressions.Options(call.Arguments.Count > 1 ? call.Arguments[1] : null, module, scope);
        var fields = ColumnNames(options, "fields");
        var references = ColumnNames(options, "references");
        var relationship = new Relationship
        {
            OwnerEntity = owner.Entity.Name,
            OwnerTable = owner.Model.Name,
            Attribute = attribute,
            TargetEntity = target.Entity.Name,
            TargetTable = target.Model.Name,
            Kind = kind == "many" ? RelationshipKind.OneToMany : fields.Count > 0 ? RelationshipKind.ManyToOne : RelationshipKind.OneToOne,
            IsCollection = kind == "many",
            Lazy = ExplicitLoading,
            Span = span,
        };
        relationship.ForeignKeyColumns.AddRange(fields);
        relationship.ReferencedColumns.AddRange(references);
        owner.Entity.AttributeNames.Add(attribute);
        context.Schema.Relationships.Add(relationship);
        _found.Add((relationship, expressions.StringOption(options, "relationName")));
    }

    private List<string> ColumnNames(Dictionary<string, (TsExpr Value, DrizzleModule Module, DrizzleScope? Scope)> options, string key)
    {
        var names = new List<string>();
        if (!options.TryGetValue(key, out var list)) return names;
        foreach (var (element, module, scope) in expressions.Elements(list.Value, list.Module, list.Scope))
        {
            if (DrizzleChain.Read(project, element, module, scope).Base is ColumnRefValue reference)
                names.Add(reference.Table.ColumnName(reference.Key) ?? reference.Key);
            else
                context.Warn(module.Ast.SpanOf(element), $"relation {key}: `{module.Ast.TextOf(element)}` does not resolve to a table column");
        }
        return names;
    }

    private DrizzleTable? TableOf(TsExpr expression, DrizzleModule module, DrizzleScope? scope) =>
        project.Resolve(expression, module, scope) is ExpressionValue value && project.TablesByDeclaration.TryGetValue(value.Expression, out var table)
            ? table : null;

    /// <summary>
    /// Drizzle pairs a relation with the one on the target that points back (same
    /// <c>relationName</c> when given): that pair is what back-populates means here.
    /// </summary>
    private void PairInverses()
    {
        var byPair = _found
            .GroupBy(f => (f.Relationship.OwnerTable, f.Relationship.TargetTable, f.RelationName))
            .ToDictionary(g => g.Key, g => g.Select(x => x.Relationship).ToList());
        foreach (var (relationship, relationName) in _found)
        {
            if (!byPair.TryGetValue((relationship.TargetTable, relationship.OwnerTable, relationName), out var candidates)) continue;
            var inverse = candidates.Where(c => !ReferenceEquals(c, relationship)).ToList();
            if (inverse.Count == 1) relationship.BackPopulates = inverse[0].Attribute;
        }
    }
}
