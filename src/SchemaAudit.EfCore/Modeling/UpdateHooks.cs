using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaAudit.EfCore.Syntax;
using SchemaAudit.Model;

namespace SchemaAudit.EfCore.Modeling;

/// <summary>
/// Columns EF code keeps up to date: a <c>SaveChanges</c>/<c>SaveChangesAsync</c> override of a context, or a
/// <c>SaveChangesInterceptor</c>, that assigns <c>UpdatedAt = …</c> (directly, through
/// <c>entry.Property("UpdatedAt").CurrentValue</c>, or in a helper method of the same class it calls).
/// </summary>
internal static class UpdateHooks
{
    private static readonly HashSet<string> s_hookMethods = new(StringComparer.Ordinal)
    {
        "SaveChanges", "SaveChangesAsync", "SavingChanges", "SavingChangesAsync",
    };

    public static void Read(CSharpSources sources, IReadOnlyList<ClassInfo> contexts, Schema schema)
    {
        var classes = contexts.Concat(sources.Classes.Where(c => c.BaseTypes.Any(b => TypeShape.SimpleName(b.Type) is "SaveChangesInterceptor" or "ISaveChangesInterceptor")));
        foreach (var cls in classes.Distinct())
        {
            var methods = cls.Members.Where(m => m.Member is MethodDeclarationSyntax).Select(m => ((MethodDeclarationSyntax)m.Member, m.File)).ToList();
            var hooks = methods.Where(m => s_hookMethods.Contains(m.Item1.Identifier.Text)).ToList();
            if (hooks.Count == 0) continue;
            var reached = new List<(MethodDeclarationSyntax, CSharpFile)>(hooks);
            // One level of helpers: SaveChanges() { SetTimestamps(); return base.SaveChanges(); }
            var called = hooks.SelectMany(h => h.Item1.DescendantNodes().OfType<InvocationExpressionSyntax>())
                .Select(i => i.Expression is IdentifierNameSyntax id ? id.Identifier.Text : (i.Expression as MemberAccessExpressionSyntax)?.Expression is ThisExpressionSyntax ? ((MemberAccessExpressionSyntax)i.Expression).Name.Identifier.Text : null)
                .OfType<string>().ToHashSet(StringComparer.Ordinal);
            reached.AddRange(methods.Where(m => called.Contains(m.Item1.Identifier.Text) && !hooks.Contains(m)));
            var mechanism = contexts.Contains(cls) ? $"EF Core SaveChanges override in {cls.Name}" : $"EF Core interceptor {cls.Name}";
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (method, file) in reached)
            {
                foreach (var assignment in method.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    var column = AssignedMember(assignment.Left);
                    if (column is null || !seen.Add(column)) continue;
                    schema.UpdateHooks.Add(new UpdateHook(null, column, mechanism, file.Span(assignment)));
                }
            }
        }
    }

    /// <summary><c>e.UpdatedAt</c> → UpdatedAt; <c>entry.Property("UpdatedAt").CurrentValue</c> → UpdatedAt; <c>entry.CurrentValues["UpdatedAt"]</c> → UpdatedAt.</summary>
    private static string? AssignedMember(ExpressionSyntax left) => left switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.Text: "CurrentValue", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "Property" } } property } =>
            Expressions.Members(property.ArgumentList).LastOrDefault(),
        ElementAccessExpressionSyntax element => Expressions.String(element.ArgumentList.Arguments.FirstOrDefault()?.Expression),
        MemberAccessExpressionSyntax member when member.Expression is not ThisExpressionSyntax => member.Name.Identifier.Text,
        _ => null,
    };
}
