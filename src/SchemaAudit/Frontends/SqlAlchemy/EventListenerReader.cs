using SchemaAudit.Frontends.Python;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.SqlAlchemy;

/// <summary>
/// Finds columns kept current by event listeners: <c>@event.listens_for(Model, "before_update")</c>
/// and <c>event.listen(Model, "before_update", fn)</c> whose body assigns <c>target.updated_at = ...</c>
/// (also on a mixin or the base, with <c>propagate=True</c>), and session <c>before_flush</c> hooks.
/// </summary>
internal sealed class EventListenerReader(ProjectIndex index, ModelRegistry registry)
{
    public void Read(ModuleInfo module, List<UpdateHook> hooks)
    {
        var functions = new Dictionary<string, PyFunctionDef>(StringComparer.Ordinal);
        foreach (var stmt in module.Ast.Body)
        {
            if (stmt is PyFunctionDef fn) functions[fn.Name] = fn;
        }
        foreach (var stmt in PyExpressions.Flatten(module.Ast.Body))
        {
            switch (stmt)
            {
                case PyFunctionDef fn:
                    foreach (var decorator in fn.Decorators)
                    {
                        if (decorator is PyCall call && PyExpressions.LastName(call.Func) == "listens_for")
                            ReadListener(module, call, fn, hooks);
                    }
                    break;
                case PyExprStmt { Value: PyCall call } when PyExpressions.LastName(call.Func) == "listen"
                    && PyExpressions.DottedName(call.Func) is "event.listen" or "listen" or "sa.event.listen" or "sqlalchemy.event.listen":
                    if (call.PositionalAt(2) is PyName handler && functions.TryGetValue(handler.Id, out var target))
                        ReadListener(module, call, target, hooks);
                    break;
            }
        }
    }

    private void ReadListener(ModuleInfo module, PyCall registration, PyFunctionDef fn, List<UpdateHook> hooks)
    {
        var eventName = PyExpressions.AsString(registration.PositionalAt(1));
        var subject = registration.PositionalAt(0);
        if (subject is null) return;
        string mechanism;
        string? table = null;
        string? targetParameter;
        TableBuilder? builder = null;
        switch (eventName)
        {
            case "before_update":
                mechanism = "sqlalchemy before_update listener";
                targetParameter = fn.Parameters.Count >= 3 ? fn.Parameters[2].Name : "target";
                if (index.ResolveClass(module, subject) is { } cls && registry.MappedOf(cls) is { } mapped
                    && mapped.Mapping.Kind is MappingKind.Table or MappingKind.SingleTableChild)
                {
                    builder = mapped.Table;
                    table = builder.Table.Name;
                }
                break;
            case "before_flush":
                mechanism = "sqlalchemy before_flush listener";
                targetParameter = null;
                break;
            default:
                return;
        }
        foreach (var stmt in PyExpressions.Flatten(fn.Body))
        {
            foreach (var (owner, attr, node) in AssignedAttributes(stmt))
            {
                if (targetParameter is not null && owner != targetParameter) continue;
                var column = builder?.ColumnName(attr) ?? attr;
                hooks.Add(new UpdateHook(table, column, mechanism, module.Ast.SpanOf(node)));
            }
        }
    }

    // target.updated_at = ...; setattr(target, "updated_at", ...)
    private static IEnumerable<(string Owner, string Attribute, PyNode Node)> AssignedAttributes(PyStmt stmt)
    {
        switch (stmt)
        {
            case PyAssign assign:
                foreach (var t in assign.Targets)
                {
                    if (t is PyAttribute { Value: PyName owner } a) yield return (owner.Id, a.Attr, stmt);
                }
                break;
            case PyAnnAssign { Target: PyAttribute { Value: PyName owner } a }:
                yield return (owner.Id, a.Attr, stmt);
                break;
            case PyExprStmt { Value: PyCall { Func: PyName { Id: "setattr" } } call }
                when call.PositionalAt(0) is PyName owner && PyExpressions.AsString(call.PositionalAt(1)) is { } attr:
                yield return (owner.Id, attr, stmt);
                break;
        }
    }
}
