using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>
/// Walks ORM class hierarchies through <see cref="RuleContext.FindEntity"/>, so rules can see
/// inherited attributes and tell whether a class inherits from something the audit did not read.
/// </summary>
internal static class EntityHierarchy
{
    // Bases that SQLAlchemy, Flask-SQLAlchemy and SQLModel provide: they contribute no user columns.
    private static readonly HashSet<string> s_frameworkBases = new(StringComparer.Ordinal)
    {
        "Base", "DeclarativeBase", "DeclarativeBaseNoMeta", "MappedAsDataclass", "AsyncAttrs",
        "Model", "db.Model", "SQLModel", "object", "TypedDict",
    };

    /// <summary>The entity and every ancestor the audit knows, nearest first, each once.</summary>
    public static IEnumerable<Entity> SelfAndAncestors(RuleContext context, Entity entity)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Entity>();
        pending.Enqueue(entity);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            if (!seen.Add(current.Name)) continue;
            yield return current;
            foreach (var baseName in current.Bases)
            {
                if (context.FindEntity(SimpleName(baseName)) is { } parent) pending.Enqueue(parent);
            }
        }
    }

    /// <summary>
    /// True when the entity (or an ancestor) derives from a class the audit did not read and that is
    /// not a framework base: a mixin from another package may add columns and relationships we cannot see.
    /// </summary>
    public static bool HasUnknownAncestor(RuleContext context, Entity entity)
    {
        foreach (var e in SelfAndAncestors(context, entity))
        {
            foreach (var baseName in e.Bases)
            {
                var simple = SimpleName(baseName);
                if (context.FindEntity(simple) is null && !s_frameworkBases.Contains(baseName) && !s_frameworkBases.Contains(simple)
                    && !IsGenericFrameworkBase(baseName))
                    return true;
            }
        }
        return false;
    }

    /// <summary>True when <paramref name="name"/> is <paramref name="entity"/> or one of its known ancestors.</summary>
    public static bool IsSelfOrAncestor(RuleContext context, Entity entity, string name)
    {
        foreach (var e in SelfAndAncestors(context, entity))
        {
            if (e.Name == name) return true;
        }
        return false;
    }

    /// <summary><c>models.User</c> → <c>User</c>; <c>"User"</c> stays <c>User</c>.</summary>
    public static string SimpleName(string name)
    {
        var trimmed = name.Trim().Trim('"', '\'');
        var dot = trimmed.LastIndexOf('.');
        return dot < 0 ? trimmed : trimmed[(dot + 1)..];
    }

    // `Generic[T]`, `Base[int]`-style subscripted bases and `db.Model` spelled through another alias.
    private static bool IsGenericFrameworkBase(string name) =>
        name.StartsWith("Generic[", StringComparison.Ordinal) || name.EndsWith(".Model", StringComparison.Ordinal);
}
